package dev.reve.finetune.evaluation.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/** Number and text formatting shared by the report writers. */
final class Fmt {
  private Fmt() {}

  static String num(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  static String usd(Optional<BigDecimal> cost) {
    return cost.map(c -> "$" + c.setScale(4, RoundingMode.HALF_UP).toPlainString()).orElse("unknown");
  }

  static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  /** Escapes text for HTML element content and attribute values. */
  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes text for a Markdown table cell. */
  static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
