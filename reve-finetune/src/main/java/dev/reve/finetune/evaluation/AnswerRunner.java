package dev.reve.finetune.evaluation;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.DreamLimits;
import dev.reve.analysis.ModelSource;
import dev.reve.analysis.PromptBuilder;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.Usage;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.models.PriceTier;
import dev.reve.openai.spi.Json;
import dev.reve.storage.Sha256;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets one answer: from the cache, from a candidate's archive, from the answers a batch brought
 * back ({@link BatchAnswers}), or from the model. The model is asked exactly as an analysis asks
 * ({@link PromptBuilder}, {@link AnalysisOptions#toRequest}), but with no fallback: a fine-tune
 * that is gone is a failed answer of that candidate, not a silent answer of the base model.
 * Thread-safe.
 */
final class AnswerRunner {
  private final OpenAiClient client;
  private final CompareOptions options;
  private final AnswerCache cache;
  private final Map<String, Map<String, Answer>> archives = new HashMap<>();
  private final Map<String, Answer> batched = new ConcurrentHashMap<>();
  private final AtomicInteger fresh = new AtomicInteger();
  private final AtomicInteger reused = new AtomicInteger();

  /**
   * One answer's request and cache key.
   *
   * @param sampling the options with the sample's seed
   * @param request the request, as sent alone
   * @param requestJson its exact JSON
   * @param key the cache key: dream, analyst, sample and the exact request
   */
  record Asked(EvalDream dream, String analystId, String candidate, int sample, String model,
      AnalysisOptions sampling, ChatRequest request, String requestJson, String promptHash, String key) {}

  AnswerRunner(OpenAiClient client, CompareOptions options, AnswerCache cache) {
    this.client = client;
    this.options = options;
    this.cache = cache;
    for (Candidate c : options.candidates()) {
      c.archive().ifPresent(path -> {
        Map<String, Answer> byKey = new HashMap<>();
        AnswerArchive.read(path).answers().forEach(a -> byKey.put(slot(a.dreamId(), a.analystId(), a.sample()), a));
        archives.put(c.label(), byKey);
      });
    }
  }

  int freshCalls() {
    return fresh.get();
  }

  int reused() {
    return reused.get();
  }

  /** The request and key of an answer the model is to give; empty for a recorded candidate. */
  Optional<Asked> ask(EvalDream dream, String analystId, Candidate candidate, int sample) {
    if (candidate.archive().isPresent()) {
      return Optional.empty();
    }
    AnalystProfile profile = options.registry().get(analystId);
    String model = candidate.modelFor(analystId);
    AnalysisOptions sampling = options.analysis();
    if (sample > 1 && sampling.seed().isPresent()) {
      sampling = sampling.toBuilder().seed(sampling.seed().get() + sample - 1).build();
    }
    ChatRequest request = sampling.toRequest(model,
        PromptBuilder.messages(profile, DreamLimits.DEFAULT.check(dream.dream())));
    String requestJson = requestJson(request);
    String key = Sha256.hex("answer\n" + dream.id() + "\n" + analystId + "\n" + sample + "\n" + requestJson);
    return Optional.of(new Asked(dream, analystId, candidate.label(), sample, model, sampling, request, requestJson,
        Sha256.hex(requestJson), key));
  }

  static String requestJson(ChatRequest request) {
    return Json.MOSHI.adapter(ChatRequest.class).toJson(request);
  }

  /** Whether the cache holds the answer to {@code asked}. */
  boolean cached(Asked asked) {
    return cache.answer(asked.key()).isPresent();
  }

  /** Answers (and failures) that came back from batches, by key, for {@link #answer} to hand out. */
  void acceptBatched(Map<String, Answer> answers) {
    batched.putAll(answers);
  }

  Answer answer(EvalDream dream, String analystId, Candidate candidate, int sample) {
    Map<String, Answer> archive = archives.get(candidate.label());
    if (archive != null) {
      Answer recorded = archive.get(slot(dream.id(), analystId, sample));
      if (recorded == null) {
        return failed(dream, analystId, candidate, sample, "(archive)", "",
            "the archive " + candidate.archive().orElseThrow() + " has no answer for this dream, analyst and sample");
      }
      reused.incrementAndGet();
      return recorded.withCandidate(candidate.label());
    }
    Asked asked = ask(dream, analystId, candidate, sample).orElseThrow();
    Answer fromBatch = batched.get(asked.key());
    if (fromBatch != null) {
      fresh.incrementAndGet();
      return fromBatch.withCandidate(candidate.label());
    }
    Optional<Answer> cached = cache.answer(asked.key());
    if (cached.isPresent()) {
      reused.incrementAndGet();
      return cached.get().withCandidate(candidate.label());
    }
    if (options.batch().isPresent()) {
      // Every uncached answer went into a batch before this; one still missing is a bug, not a call to make.
      return failed(dream, analystId, candidate, sample, asked.model(), asked.promptHash(),
          "no batch brought this answer back");
    }
    fresh.incrementAndGet();
    long started = System.nanoTime();
    Answer answer;
    try {
      ChatCompletion reply = client.chat().create(asked.request(), asked.sampling().requestOptions());
      Duration latency = Duration.ofNanos(System.nanoTime() - started);
      Usage usage = reply.usage().orElse(Usage.NONE);
      Analysis analysis = new Analysis(analystId, reply.text().orElse(""), asked.model(), false, ModelSource.CODE,
          false, reply.finishReason(), reply.firstChoice().flatMap(c -> c.message().refusal()), usage,
          reply.requestId(), latency);
      answer = new Answer(dream.id(), analystId, candidate.label(), sample, asked.model(), reply.model(),
          reply.systemFingerprint(), asked.promptHash(), analysis.text(), analysis.status(), analysis.refusal(),
          usage.promptTokens(), usage.completionTokens(), latency.toMillis(), analysis.requestId(),
          options.clock().instant().toString(), Optional.empty(), PriceTier.STANDARD, cachedTokens(usage));
    } catch (OpenAiException e) {
      answer = failed(dream, analystId, candidate, sample, asked.model(), asked.promptHash(), e.getMessage());
    }
    cache.putAnswer(asked.key(), answer);
    return answer;
  }

  private Answer failed(EvalDream dream, String analystId, Candidate candidate, int sample, String model,
      String promptHash, String why) {
    return new Answer(dream.id(), analystId, candidate.label(), sample, model, model, Optional.empty(), promptHash,
        "", dev.reve.analysis.AnalysisStatus.UNEXPECTED, Optional.empty(), 0, 0, 0, Optional.empty(),
        options.clock().instant().toString(), Optional.of(String.valueOf(why)), PriceTier.STANDARD, Optional.empty());
  }

  /** The cached prompt tokens the server reported, if it did. */
  static Optional<Long> cachedTokens(Usage usage) {
    return usage.promptTokensDetails().map(d -> (long) d.cachedTokens());
  }

  private static String slot(String dreamId, String analystId, int sample) {
    return dreamId + "\n" + analystId + "\n" + sample;
  }
}
