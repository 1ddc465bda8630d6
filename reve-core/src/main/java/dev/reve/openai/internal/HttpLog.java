package dev.reve.openai.internal;

import java.util.Locale;
import okhttp3.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP log ({@code dev.reve.openai.http}) and the redaction of everything it writes. */
final class HttpLog {
  static final Logger LOG = LoggerFactory.getLogger("dev.reve.openai.http");
  static final int MAX_TRACE_BODY = 16 * 1024;
  private static final String REDACTED = Redactor.REDACTED;

  private final Redactor redactor;

  HttpLog(String apiKey) {
    this.redactor = new Redactor(apiKey);
  }

  /** The {@link Redactor} of this client: the key and token-shaped secrets. */
  String redact(String text) {
    return redactor.redact(text);
  }

  void traceBody(String what, String body) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} body: {}", what, redact(truncate(body)));
    }
  }

  void traceEvent(String type, String data) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("event {}: {}", type == null ? "message" : type, redact(truncate(data)));
    }
  }

  static String truncate(String body) {
    return body == null || body.length() <= MAX_TRACE_BODY
        ? body
        : body.substring(0, MAX_TRACE_BODY) + "...(" + body.length() + " chars)";
  }

  static String redactedHeaders(Headers headers) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean secret =
          lower.equals("authorization")
              || lower.equals("proxy-authorization")
              || lower.contains("api-key")
              || lower.contains("apikey")
              || lower.contains("token")
              || lower.contains("cookie");
      text.append(name).append('=').append(secret ? REDACTED : headers.value(i)).append("; ");
    }
    return text.toString();
  }
}
