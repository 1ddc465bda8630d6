package dev.reve.analysis;

import com.squareup.moshi.JsonAdapter;
import dev.reve.analysis.internal.InterpretationReply;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.openai.chat.Usage;
import dev.reve.openai.spi.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The structured first reading of a dream: requested as JSON under a strict schema, read into an
 * {@link InterpretationReply} and checked.
 */
final class Interpreter {
  /** The pseudo-analyst behind the interpretation: its model is set like an analyst's. */
  static final AnalystProfile PROFILE =
      new AnalystProfile(
          "interpreter",
          "Dream reader",
          "Neutral first reading",
          "-",
          "Summary, themes, emotions and key symbols of a dream",
          "Retells the dream and names its themes, emotions and key images without interpreting.",
          "Part of the SDK, not a person.",
          BuiltInAnalysts.load("interpretation.system.txt"));

  static final ResponseFormat FORMAT = format();

  private static final JsonAdapter<InterpretationReply> REPLY =
      Json.MOSHI.adapter(InterpretationReply.class);

  private final DreamLimits limits;
  private final FallbackChat chat;

  Interpreter(DreamLimits limits, FallbackChat chat) {
    this.limits = limits;
    this.chat = chat;
  }

  DreamInterpretation interpret(Dream dream, AnalysisOptions options, Cancellation cancel) {
    Dream checked = limits.check(Objects.requireNonNull(dream, "dream"));
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    FallbackChat.Answer answer;
    try {
      answer = chat.complete(PROFILE, PromptBuilder.messages(PROFILE, checked), options, FORMAT, null, cancel);
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InterpretationException(
          checked,
          InterpretationException.Reason.REQUEST_FAILED,
          "The interpretation request failed (the dream is kept in this exception): " + e.getMessage(),
          null,
          e);
    }
    ChatCompletion completion = answer.completion();
    String raw = completion.text().orElse(null);
    String requestNote = completion.requestId().map(r -> " (request id " + r + ")").orElse("");
    refuseIncomplete(checked, completion, raw, options, requestNote);
    InterpretationReply reply;
    try {
      reply = raw == null ? null : REPLY.fromJson(raw);
    } catch (IOException | RuntimeException e) {
      throw malformed(checked, raw, "the reply is not JSON: " + e.getMessage() + requestNote, e);
    }
    if (reply == null) {
      throw malformed(checked, raw, "the reply has no JSON object" + requestNote, null);
    }
    if (reply.summary() == null || reply.summary().isBlank()) {
      throw malformed(checked, raw, "the reply has no summary" + requestNote, null);
    }
    return new DreamInterpretation(
        reply.summary().strip(),
        strings(checked, raw, reply.themes().orElse(null), "themes", DreamInterpretation.MAX_THEMES),
        strings(checked, raw, reply.emotions().orElse(null), "emotions", DreamInterpretation.MAX_EMOTIONS),
        strings(checked, raw, reply.symbols().orElse(null), "symbols", DreamInterpretation.MAX_SYMBOLS),
        answer.model(),
        answer.fellBack(),
        completion.usage().orElse(Usage.NONE),
        completion.requestId(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static void refuseIncomplete(
      Dream dream, ChatCompletion completion, String raw, AnalysisOptions options, String requestNote) {
    Optional<String> refusal = completion.firstChoice().flatMap(c -> c.message().refusal());
    if (refusal.isPresent()) {
      throw new InterpretationException(
          dream, InterpretationException.Reason.REFUSED,
          "The model refused to interpret the dream: " + refusal.get() + requestNote, raw, null);
    }
    FinishReason finish = completion.finishReason();
    if (finish == FinishReason.LENGTH) {
      int reasoning = completion.usage().map(dev.reve.openai.chat.Usage::reasoningTokens).orElse(0);
      String why = reasoning > 0 && raw.isBlank()
          ? "The interpretation came back empty: the model spent all its completion tokens on"
              + " reasoning (" + reasoning + " reasoning tokens); raise reasoningBudget or lower"
              + " reasoningEffort"
          : "The interpretation was cut off at " + options.maxCompletionTokens()
              + " tokens, so its JSON is incomplete; raise maxCompletionTokens"
              + (reasoning > 0 ? " or reasoningBudget" : "");
      throw new InterpretationException(
          dream, InterpretationException.Reason.TRUNCATED, why + requestNote, raw, null);
    }
    if (finish == FinishReason.CONTENT_FILTER) {
      throw new InterpretationException(
          dream, InterpretationException.Reason.CONTENT_FILTERED,
          "The provider's content filter withheld the interpretation" + requestNote, raw, null);
    }
  }

  private static List<String> strings(Dream dream, String raw, List<String> values, String field, int max) {
    if (values == null) {
      throw malformed(dream, raw, "the reply has no list '" + field + "'", null);
    }
    List<String> out = new ArrayList<>();
    for (String text : values) {
      if (text == null) {
        throw malformed(dream, raw, "'" + field + "' holds a non-text item", null);
      }
      if (!text.isBlank() && out.size() < max) {
        out.add(text.strip());
      }
    }
    return out;
  }

  private static InterpretationException malformed(Dream dream, String raw, String detail, Throwable cause) {
    return new InterpretationException(
        dream,
        InterpretationException.Reason.MALFORMED,
        "The interpretation reply is malformed (the dream is kept in this exception): " + detail,
        raw,
        cause);
  }

  private static ResponseFormat format() {
    Map<String, Object> text = Map.of("type", "string");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(
        "summary", Map.of("type", "string", "description", "Two or three sentences retelling the dream."));
    properties.put("themes", Map.of("type", "array", "items", text, "description", "At most three themes."));
    properties.put(
        "emotions", Map.of("type", "array", "items", text, "description", "At most three emotions."));
    properties.put(
        "symbols", Map.of("type", "array", "items", text, "description", "The key images, at most six."));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", List.of("summary", "themes", "emotions", "symbols"));
    schema.put("additionalProperties", false);
    return ResponseFormat.jsonSchema("dream_interpretation", schema, true);
  }
}
