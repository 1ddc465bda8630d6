package dev.reve.openai;

import dev.reve.openai.error.OpenAiConfigurationException;
import dev.reve.openai.internal.Redactor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/** What a client's base URL is: its parsed form, whether it is OpenAI's, whether it is loopback. */
final class BaseUrls {
  /** An IPv4 literal in 127.0.0.0/8, and nothing else: {@code 127.0.0.1.example.com} is remote. */
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

  private BaseUrls() {}

  /** {@code url} (or {@code fallback} when blank) as an http(s) URL ending in {@code /}. */
  static HttpUrl parse(String url, String fallback) {
    String value = url == null || url.isBlank() ? fallback : url.strip();
    if (!value.endsWith("/")) {
      value = value + "/";
    }
    HttpUrl parsed = value.chars().anyMatch(Character::isWhitespace) ? null : HttpUrl.parse(value);
    if (parsed == null) {
      throw new OpenAiConfigurationException(
          "Base URL '" + Redactor.url(value) + "' is not an http(s) URL; expected for example " + fallback);
    }
    return parsed;
  }

  /** Whether the URL is OpenAI's own service (where a missing key is an error). */
  static boolean isOpenAi(HttpUrl url) {
    return url.host().toLowerCase(Locale.ROOT).endsWith("openai.com");
  }

  /** {@link #isLoopback(String, Dns)} with the system resolver. */
  static boolean isLoopback(String host) {
    return isLoopback(host, Dns.SYSTEM);
  }

  /**
   * True where plain http never leaves the machine: a literal loopback address, {@code localhost}
   * itself, or a name that {@code dns} resolves to loopback addresses only. A name is never
   * loopback by its shape alone ({@code evil.localhost} may resolve anywhere).
   */
  static boolean isLoopback(String host, Dns dns) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    if (h.contains(":") || h.matches("[0-9.]+")) {
      return false;
    }
    try {
      List<InetAddress> all = dns.lookup(h);
      return !all.isEmpty() && all.stream().allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException | RuntimeException unresolved) {
      return false;
    }
  }
}
