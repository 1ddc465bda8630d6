package dev.reve.analysis.batch;

/** The custom id of a request line: {@code <analyst>/<dream id>}; analyst ids hold no slash. */
final class CustomIds {
  private CustomIds() {}

  static String of(String analystId, String dreamId) {
    return analystId + "/" + dreamId;
  }

  static String analyst(String customId) {
    int slash = customId.indexOf('/');
    return slash < 0 ? "" : customId.substring(0, slash);
  }

  static String dream(String customId) {
    int slash = customId.indexOf('/');
    return slash < 0 ? customId : customId.substring(slash + 1);
  }
}
