package dev.reve.testkit;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * A request as the emulator received it, with the parts tests ask about already parsed: the path
 * below {@code /v1/}, the JSON body, and for a multipart upload the file name, size and purpose.
 */
public final class EmulatedRequest {
  private static final int SUMMARY_LIMIT = 160;

  private final RecordedRequest recorded;
  private final String path;
  private final String bodyText;
  private final Map<String, Object> json;
  private final String filename;
  private final String purpose;
  private final ByteString fileContent;

  private EmulatedRequest(RecordedRequest recorded) {
    this.recorded = recorded;
    this.path = pathOf(recorded.getUrl());
    ByteString body = recorded.getBody() == null ? ByteString.EMPTY : recorded.getBody();
    String contentType = recorded.getHeaders().get("Content-Type");
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    String problem = null;
    String fileName = null;
    String purposeValue = null;
    ByteString content = null;
    if (type != null && type.type().equals("multipart") && type.parameter("boundary") != null) {
      try (MultipartReader reader = new MultipartReader(new Buffer().write(body), type.parameter("boundary"))) {
        for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
          String disposition = part.headers().get("Content-Disposition");
          String name = parameter(disposition, "name");
          if ("purpose".equals(name)) {
            purposeValue = part.body().readUtf8();
          } else if ("file".equals(name)) {
            fileName = parameter(disposition, "filename");
            content = part.body().readByteString();
          }
        }
      } catch (IOException | RuntimeException e) {
        problem = "unreadable multipart body: " + e.getMessage();
      }
      this.bodyText = problem == null ? "" : problem;
    } else {
      this.bodyText = body.utf8();
    }
    this.filename = fileName;
    this.purpose = purposeValue;
    this.fileContent = content;
    this.json = JsonSupport.readObject(bodyText);
  }

  /** Parses a request MockWebServer recorded. */
  public static EmulatedRequest of(RecordedRequest recorded) {
    return new EmulatedRequest(Objects.requireNonNull(recorded, "recorded"));
  }

  private static String pathOf(HttpUrl url) {
    StringBuilder path = new StringBuilder();
    boolean first = true;
    for (String segment : url.pathSegments()) {
      if (first && segment.equals("v1")) {
        first = false;
        continue;
      }
      first = false;
      if (segment.isEmpty()) {
        continue;
      }
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(segment);
    }
    return path.toString();
  }

  private static String parameter(String disposition, String name) {
    if (disposition == null) {
      return null;
    }
    for (String piece : disposition.split(";")) {
      String p = piece.strip();
      if (p.startsWith(name + "=")) {
        String value = p.substring(name.length() + 1);
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
            ? value.substring(1, value.length() - 1)
            : value;
      }
    }
    return null;
  }

  /** The HTTP method. */
  public String method() {
    return recorded.getMethod();
  }

  /**
   * The path below the API root, without slashes at either end and decoded: {@code files}, {@code
   * fine_tuning/jobs/ftjob-1/events}, {@code models/ft:gpt-4o-mini:acme::x1}.
   */
  public String path() {
    return path;
  }

  /** A query parameter's first value. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(recorded.getUrl().queryParameter(name));
  }

  /** The full URL as sent. */
  public HttpUrl url() {
    return recorded.getUrl();
  }

  /** The request headers. */
  public Headers headers() {
    return recorded.getHeaders();
  }

  /** The body as text (JSON bodies); empty for multipart uploads, whose parts are parsed. */
  public String body() {
    return bodyText;
  }

  /** The size of the body on the wire, in bytes. */
  public long bodySize() {
    return recorded.getBodySize();
  }

  /** The JSON object in the body; empty when the body is not a JSON object. */
  public Map<String, Object> json() {
    return json;
  }

  /** The {@code model} of a JSON body. */
  public Optional<String> model() {
    return JsonSupport.string(json, "model");
  }

  /** The {@code metadata} of a JSON body (a job creation), as strings. */
  public Map<String, String> metadata() {
    return JsonSupport.strings(json, "metadata");
  }

  /** The file name of a multipart upload's {@code file} part. */
  public Optional<String> filename() {
    return Optional.ofNullable(filename);
  }

  /** The {@code purpose} part of a multipart upload. */
  public Optional<String> purpose() {
    return Optional.ofNullable(purpose);
  }

  /** The bytes of a multipart upload's file part (a copy); empty for other requests. */
  public Optional<byte[]> fileContent() {
    return Optional.ofNullable(fileContent).map(ByteString::toByteArray);
  }

  ByteString fileBytes() {
    return fileContent;
  }

  /** The request as MockWebServer recorded it. */
  public RecordedRequest recorded() {
    return recorded;
  }

  /** {@code METHOD path} and a short form of the body, for logs and assertion messages. */
  public String summary() {
    StringBuilder s = new StringBuilder(method()).append(' ').append(path);
    String q = recorded.getUrl().encodedQuery();
    if (q != null) {
      s.append('?').append(q);
    }
    if (fileContent != null) {
      s.append(" [file ").append(filename).append(", ").append(fileContent.size()).append(" bytes, purpose ")
          .append(purpose).append(']');
    } else if (!bodyText.isEmpty()) {
      String body = bodyText.length() > SUMMARY_LIMIT ? bodyText.substring(0, SUMMARY_LIMIT) + "..." : bodyText;
      s.append(' ').append(body.replace('\n', ' '));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
