package dev.reve.finetune.evaluation;

import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.PromptBuilder;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.spi.Json;
import dev.reve.storage.Sha256;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a judge model to score answers against the {@link Rubric} and to prefer one of two
 * answers. The judge sees the dream and the answers only, never which model wrote them; the
 * answers are shown as 1 and 2. Replies are JSON ({@code response_format: json_object}); a reply
 * that cannot be read becomes a {@link Judgement} with an error, never an exception, and is not
 * cached. Thread-safe.
 */
final class Judge {
  private final OpenAiClient client;
  private final String model;
  private final Rubric rubric;
  private final AnalysisOptions options;
  private final AnswerCache cache;

  Judge(OpenAiClient client, String model, Rubric rubric, AnalysisOptions options, AnswerCache cache) {
    this.client = Objects.requireNonNull(client, "client");
    this.model = Objects.requireNonNull(model, "model");
    this.rubric = Objects.requireNonNull(rubric, "rubric");
    this.options = Objects.requireNonNull(options, "options");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  String model() {
    return model;
  }

  /** Rubric scores for one answer of {@code school}. */
  Judgement score(String school, EvalDream dream, Answer answer) {
    String user = dreamBlock(dream) + "\n\nThe analysis:\n" + answer.text();
    return ask(rubric.scoringPrompt(school), user, true);
  }

  /** A preference between two answers of {@code school}, {@code first} shown as 1. */
  Judgement prefer(String school, EvalDream dream, Answer first, Answer second) {
    String user = dreamBlock(dream) + "\n\nAnalysis 1:\n" + first.text() + "\n\nAnalysis 2:\n" + second.text();
    return ask(rubric.pairwisePrompt(school), user, false);
  }

  private Judgement ask(String system, String user, boolean scoring) {
    List<ChatMessage> messages = List.of(ChatMessage.system(system), ChatMessage.user(user));
    ChatRequest request = options.toRequest(model, messages).toBuilder()
        .responseFormat(ResponseFormat.jsonObject()).build();
    String key = Sha256.hex("judge\n" + rubric.version() + "\n" + Json.MOSHI.adapter(ChatRequest.class).toJson(request));
    Optional<Judgement> cached = cache.judgement(key);
    if (cached.isPresent()) {
      return cached.get();
    }
    Judgement judgement;
    try {
      ChatCompletion reply = client.chat().create(request);
      long in = reply.usage().map(u -> (long) u.promptTokens()).orElse(0L);
      long out = reply.usage().map(u -> (long) u.completionTokens()).orElse(0L);
      judgement = read(reply.text().orElse(""), scoring, in, out);
    } catch (OpenAiException e) {
      judgement = Judgement.failed(model, rubric.version(), "the judge call failed: " + e.getMessage());
    }
    cache.putJudgement(key, judgement);
    return judgement;
  }

  Judgement read(String text, boolean scoring, long in, long out) {
    Map<String, Object> json;
    try {
      json = Json.MAP.fromJson(unfence(text));
    } catch (IOException | RuntimeException e) {
      json = null;
    }
    if (json == null) {
      return Judgement.failed(model, rubric.version(), "the judge's reply is not a JSON object: " + clip(text));
    }
    if (scoring) {
      Map<String, Integer> scores = new LinkedHashMap<>();
      Map<String, String> reasons = new LinkedHashMap<>();
      Object s = json.get("scores");
      Object r = json.get("reasons");
      for (String c : Rubric.CRITERIA) {
        if (s instanceof Map<?, ?> m && m.get(c) instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= 5) {
          scores.put(c, (int) Math.round(n.doubleValue()));
        }
        if (r instanceof Map<?, ?> m && m.get(c) instanceof String why) {
          reasons.put(c, why);
        }
      }
      if (scores.size() != Rubric.CRITERIA.size()) {
        return Judgement.failed(model, rubric.version(), "the judge's reply lacks a 1-5 score for every criterion: "
            + clip(text));
      }
      return new Judgement(model, rubric.version(), scores, reasons, Optional.empty(), Optional.empty(), in, out,
          Optional.empty());
    }
    String preferred = String.valueOf(json.get("preferred")).strip().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("1", "2", "tie").contains(preferred)) {
      return Judgement.failed(model, rubric.version(), "the judge's reply has no \"preferred\" of 1, 2 or tie: "
          + clip(text));
    }
    Optional<String> reason = json.get("reason") instanceof String why ? Optional.of(why) : Optional.empty();
    return new Judgement(model, rubric.version(), Map.of(), Map.of(), Optional.of(preferred), reason, in, out,
        Optional.empty());
  }

  private static String dreamBlock(EvalDream dream) {
    return "The dreamer's message to the analyst:\n" + PromptBuilder.userMessage(dream.dream());
  }

  /** Some models wrap JSON in a Markdown fence even when asked not to. */
  static String unfence(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int start = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (start > 0 && end > start) {
        return t.substring(start + 1, end).strip();
      }
    }
    return t;
  }

  private static String clip(String text) {
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() <= 120 ? one : one.substring(0, 120) + "...";
  }
}
