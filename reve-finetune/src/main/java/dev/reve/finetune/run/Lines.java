package dev.reve.finetune.run;

/** Short forms of messages for one-line steps and errors. */
final class Lines {
  private Lines() {}

  /** The first line of {@code text}. */
  static String first(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** The first line of an exception's message, or the exception itself when it has none. */
  static String first(Throwable e) {
    return e.getMessage() == null ? e.toString() : first(e.getMessage());
  }
}
