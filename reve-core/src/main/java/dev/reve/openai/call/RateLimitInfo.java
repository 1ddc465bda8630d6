package dev.reve.openai.call;

import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.Headers;

/**
 * OpenAI's {@code x-ratelimit-*} response headers; empty where the server sent none.
 *
 * @param limitRequests requests allowed per window
 * @param limitTokens tokens allowed per window
 * @param remainingRequests requests left in the window
 * @param remainingTokens tokens left in the window
 * @param resetRequests time until the request window resets, as sent (for example {@code 1s})
 * @param resetTokens time until the token window resets, as sent (for example {@code 6m0s})
 */
public record RateLimitInfo(
    OptionalLong limitRequests,
    OptionalLong limitTokens,
    OptionalLong remainingRequests,
    OptionalLong remainingTokens,
    Optional<String> resetRequests,
    Optional<String> resetTokens) {

  /** No rate-limit headers. */
  public static final RateLimitInfo NONE =
      new RateLimitInfo(
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          Optional.empty(),
          Optional.empty());

  /** Reads the headers. */
  public static RateLimitInfo from(Headers headers) {
    boolean any = false;
    for (int i = 0; i < headers.size() && !any; i++) {
      any = headers.name(i).regionMatches(true, 0, "x-ratelimit-", 0, 12);
    }
    if (!any) {
      return NONE;
    }
    return new RateLimitInfo(
        number(headers.get("x-ratelimit-limit-requests")),
        number(headers.get("x-ratelimit-limit-tokens")),
        number(headers.get("x-ratelimit-remaining-requests")),
        number(headers.get("x-ratelimit-remaining-tokens")),
        Optional.ofNullable(headers.get("x-ratelimit-reset-requests")),
        Optional.ofNullable(headers.get("x-ratelimit-reset-tokens")));
  }

  private static OptionalLong number(String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
