package dev.reve.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 90}, {@code 90s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO {@code PT2M}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  /** The longest timeout accepted: a day. */
  static final Duration MAX = Duration.ofDays(1);

  @Override
  public Duration convert(String value) {
    Duration parsed;
    try {
      parsed = parse(value);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      parsed = MAX.plusSeconds(1);
    }
    if (parsed.isZero() || parsed.isNegative() || parsed.compareTo(MAX) > 0) {
      throw new TypeConversionException(
          "'" + value + "' is out of range: give a duration above zero and at most 24h, for"
              + " example 30s or 5m");
    }
    return parsed;
  }

  private static Duration parse(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; write for example 30s, 500ms, 2m or 1h");
    }
  }
}
