package dev.reve.openai.internal;

import java.util.regex.Pattern;

/**
 * The one redaction of server text: the client's key, and anything shaped like a bearer token or
 * an {@code sk-} key, whoever's it is. Every piece of server text the client keeps or shows (error
 * fields, request ids, stream errors, log lines) passes through here first.
 */
public final class Redactor {
  /** What replaces a secret. */
  public static final String REDACTED = "[redacted]";

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)(\\s+|%20|\\+)[^\\s\"',;)}\\]]+");
  private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{8,}");

  private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

  private final String apiKey;

  /** A redactor for {@code apiKey}, which may be null when the client has none. */
  public Redactor(String apiKey) {
    this.apiKey = apiKey == null || apiKey.length() < 4 ? null : apiKey;
  }

  /** {@code text} without the key or token-shaped secrets; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = apiKey == null ? text : text.replace(apiKey, REDACTED);
    if (containsIgnoreCase(out, "bearer") || containsIgnoreCase(out, "basic")) {
      out = BEARER.matcher(out).replaceAll("$1 " + REDACTED);
    }
    if (out.contains("sk-")) {
      out = KEY_SHAPED.matcher(out).replaceAll(REDACTED);
    }
    return out;
  }

  /** A URL as shown in messages: without its user name and password. */
  public static String url(okhttp3.HttpUrl url) {
    return url.username().isEmpty() && url.password().isEmpty()
        ? url.toString()
        : url.newBuilder().username("").password("").build().toString();
  }

  /** A URL that may not parse, as shown in messages: any user info before {@code @} removed. */
  public static String url(String url) {
    return url == null ? null : USERINFO.matcher(url).replaceFirst("$1" + REDACTED + "@");
  }

  private static boolean containsIgnoreCase(String text, String word) {
    // Every response's request id goes through here: look at the first letter before comparing
    // the whole word (only 'b' and 'B' fold to the first letter of "bearer" and "basic").
    char lower = Character.toLowerCase(word.charAt(0));
    char upper = Character.toUpperCase(lower);
    int n = word.length();
    for (int i = 0; i + n <= text.length(); i++) {
      char c = text.charAt(i);
      if ((c == lower || c == upper) && text.regionMatches(true, i, word, 0, n)) {
        return true;
      }
    }
    return false;
  }
}
