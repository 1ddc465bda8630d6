package dev.reve.cli;

/**
 * Makes server text safe to print on a terminal: every control character but newline and tab
 * (ESC of ANSI CSI and OSC sequences, carriage return, backspace, bell, the C1 controls such as
 * the one-byte CSI) is shown as a visible {@code \\uXXXX} escape instead of being obeyed.
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code text} with control characters made visible; null becomes empty. */
  static String neutralise(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
          || c == '\u2028' || c == '\u2029';
      if (control) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
