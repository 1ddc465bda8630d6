package dev.reve.analysis;

import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.Usage;
import dev.reve.openai.spi.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation as a value: the dream, the analyst, the earlier dreams of the series and every
 * turn. It serialises to a versioned JSON document ({@link #toJson()}, format {@value #FORMAT}
 * version {@value #VERSION}) that a web app can store between requests and resume from ({@link
 * DreamAnalyst#resume}). It holds no key and no endpoint, only what was said and which model said
 * it.
 *
 * @param analystId the analyst, such as {@code jung}
 * @param dream the dream the conversation is about
 * @param series earlier dreams sent as context, oldest first
 * @param createdAt when the session was started
 * @param turns the turns so far, in order
 */
public record SessionTranscript(
    String analystId, Dream dream, List<EarlierDream> series, Instant createdAt, List<SessionTurn> turns) {
  /** The {@code format} of the JSON document. */
  public static final String FORMAT = "reve-session";
  /** The version written; documents of a later version are refused. */
  public static final int VERSION = 1;

  /** Copies the lists; requires consecutive turn numbers from 1. */
  public SessionTranscript {
    Objects.requireNonNull(analystId, "analystId");
    Objects.requireNonNull(dream, "dream");
    series = List.copyOf(Objects.requireNonNull(series, "series"));
    Objects.requireNonNull(createdAt, "createdAt");
    turns = List.copyOf(Objects.requireNonNull(turns, "turns"));
    for (int i = 0; i < turns.size(); i++) {
      if (turns.get(i).number() != i + 1) {
        throw new IllegalArgumentException(
            "turn " + (i + 1) + " of the transcript is numbered " + turns.get(i).number());
      }
    }
  }

  /** A copy with one more turn. */
  SessionTranscript with(SessionTurn turn) {
    List<SessionTurn> more = new ArrayList<>(turns);
    more.add(turn);
    return new SessionTranscript(analystId, dream, series, createdAt, more);
  }

  /** The latest turn, if any. */
  public Optional<SessionTurn> latest() {
    return turns.isEmpty() ? Optional.empty() : Optional.of(turns.get(turns.size() - 1));
  }

  /**
   * The conversation after the dream, as {@link PromptBuilder#conversation} takes it: answer 1,
   * reply 2, answer 2, and so on.
   */
  public List<String> alternatingTurns() {
    List<String> out = new ArrayList<>();
    for (SessionTurn turn : turns) {
      turn.reply().ifPresent(out::add);
      out.add(turn.answer());
    }
    return List.copyOf(out);
  }

  /** The JSON document, one line. */
  public String toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("version", VERSION);
    doc.put("analyst", analystId);
    doc.put("created_at", createdAt.toString());
    doc.put("dream", dreamJson(dream));
    List<Object> earlier = new ArrayList<>();
    for (EarlierDream e : series) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("date", e.date().toString());
      m.put("dream", dreamJson(e.dream()));
      e.reading().ifPresent(r -> m.put("reading", r));
      earlier.add(m);
    }
    doc.put("series", earlier);
    List<Object> list = new ArrayList<>();
    for (SessionTurn t : turns) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", t.number());
      t.reply().ifPresent(r -> m.put("reply", r));
      m.put("answer", t.answer());
      m.put("model", t.model());
      m.put("fine_tuned", t.fineTuned());
      m.put("fell_back", t.fellBack());
      m.put("finish_reason", t.finishReason().name().toLowerCase(Locale.ROOT));
      m.put("usage", Map.of(
          "prompt_tokens", t.usage().promptTokens(), "completion_tokens", t.usage().completionTokens()));
      m.put("started_at", t.startedAt().toString());
      m.put("finished_at", t.finishedAt().toString());
      t.leftOut().ifPresent(l -> m.put("left_out", l));
      list.add(m);
    }
    doc.put("turns", list);
    return Json.MAP.toJson(doc);
  }

  /**
   * Reads a document written by {@link #toJson()}.
   *
   * @throws InvalidTranscriptException naming what is wrong
   */
  public static SessionTranscript fromJson(String json) {
    Objects.requireNonNull(json, "json");
    Map<String, Object> doc;
    try {
      doc = Json.MAP.fromJson(json);
    } catch (IOException | RuntimeException e) {
      throw new InvalidTranscriptException("not a JSON object: " + e.getMessage(), e);
    }
    if (doc == null || !FORMAT.equals(doc.get("format"))) {
      throw new InvalidTranscriptException("the document's format is not \"" + FORMAT + "\"", null);
    }
    int version = number(doc, "version");
    if (version < 1 || version > VERSION) {
      throw new InvalidTranscriptException("version " + version + " is not supported (this SDK reads"
          + " 1 to " + VERSION + "); upgrade the SDK", null);
    }
    try {
      List<EarlierDream> series = new ArrayList<>();
      for (Map<String, Object> e : maps(doc, "series")) {
        series.add(new EarlierDream(LocalDate.parse(text(e, "date")), dream(object(e, "dream")),
            optional(e, "reading")));
      }
      List<SessionTurn> turns = new ArrayList<>();
      for (Map<String, Object> t : maps(doc, "turns")) {
        Map<String, Object> usage = object(t, "usage");
        turns.add(new SessionTurn(number(t, "number"), optional(t, "reply"), text(t, "answer"),
            text(t, "model"), bool(t, "fine_tuned"), bool(t, "fell_back"),
            FinishReason.of(text(t, "finish_reason")),
            Usage.of(number(usage, "prompt_tokens"), number(usage, "completion_tokens")),
            Instant.parse(text(t, "started_at")), Instant.parse(text(t, "finished_at")),
            optional(t, "left_out")));
      }
      return new SessionTranscript(text(doc, "analyst"), dream(object(doc, "dream")), series,
          Instant.parse(text(doc, "created_at")), turns);
    } catch (DateTimeParseException | IllegalArgumentException | ClassCastException e) {
      throw new InvalidTranscriptException(e.getMessage(), e);
    }
  }

  private static Map<String, Object> dreamJson(Dream d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("content", d.content());
    d.title().ifPresent(v -> m.put("title", v));
    d.context().ifPresent(v -> m.put("context", v));
    d.associations().ifPresent(v -> m.put("associations", v));
    return m;
  }

  private static Dream dream(Map<String, Object> m) {
    return new Dream(text(m, "content"), optional(m, "title"), optional(m, "context"), optional(m, "associations"));
  }

  private static String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String s)) {
      throw new InvalidTranscriptException("\"" + key + "\" is missing or not text", null);
    }
    return s;
  }

  private static Optional<String> optional(Map<String, Object> m, String key) {
    return m.get(key) == null ? Optional.empty() : Optional.of(text(m, key));
  }

  private static int number(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Number n)) {
      throw new InvalidTranscriptException("\"" + key + "\" is missing or not a number", null);
    }
    return n.intValue();
  }

  private static boolean bool(Map<String, Object> m, String key) {
    return Boolean.TRUE.equals(m.get(key));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Map<?, ?> o)) {
      throw new InvalidTranscriptException("\"" + key + "\" is missing or not an object", null);
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new InvalidTranscriptException("\"" + key + "\" is not a list", null);
    }
    return (List<Map<String, Object>>) list;
  }
}
