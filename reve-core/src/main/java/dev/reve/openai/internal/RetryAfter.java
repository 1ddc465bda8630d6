package dev.reve.openai.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import okhttp3.Headers;

/** Reads how long a server asked to wait: {@code retry-after-ms}, then {@code retry-after}. */
public final class RetryAfter {
  private RetryAfter() {}

  /** The requested wait, if the headers carry a readable one. */
  public static Optional<Duration> parse(Headers headers, Clock clock) {
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      try {
        double ms = Double.parseDouble(millis.trim());
        if (ms >= 0 && !Double.isNaN(ms) && !Double.isInfinite(ms)) {
          return Optional.of(Duration.ofNanos(Math.round(ms * 1_000_000)));
        }
      } catch (NumberFormatException ignored) {
        // try retry-after
      }
    }
    String value = headers.get("retry-after");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    try {
      double seconds = Double.parseDouble(trimmed);
      return seconds >= 0 && !Double.isInfinite(seconds)
          ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000)))
          : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (RuntimeException notDate) {
        return Optional.empty();
      }
    }
  }
}
