package dev.reve.openai.call;

import java.util.Locale;

/**
 * How the API key travels: OpenAI and most compatible servers read {@code Authorization: Bearer
 * KEY}; Azure OpenAI reads {@code api-key: KEY}.
 */
public enum AuthStyle {
  /** {@code Authorization: Bearer KEY}. */
  BEARER("bearer"),
  /** {@code api-key: KEY} (Azure OpenAI). */
  API_KEY("api-key");

  private final String id;

  AuthStyle(String id) {
    this.id = id;
  }

  /** The spelling used in settings and models files: {@code bearer} or {@code api-key}. */
  public String id() {
    return id;
  }

  /**
   * The style spelled {@code text} ({@code bearer}, {@code api-key}; case ignored).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static AuthStyle of(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (AuthStyle style : values()) {
      if (style.id.equals(t)) {
        return style;
      }
    }
    throw new IllegalArgumentException(
        "Unknown auth style '" + text + "'; use bearer (Authorization: Bearer) or api-key (Azure)");
  }
}
