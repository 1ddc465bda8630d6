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
import dev.reve.openai.spi.Json;
import dev.reve.storage.Sha256;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets one answer: from the cache, from a candidate's archive, or from the model. The model is
 * asked exactly as an analysis asks ({@link PromptBuilder}, {@link AnalysisOptions#toRequest}),
 * but with no fallback: a fine-tune that is gone is a failed answer of that candidate, not a
 * silent answer of the base model. Thread-safe.
 */
final class AnswerRunner {
  private final OpenAiClient client;
  private final CompareOptions options;
  private final AnswerCache cache;
  private final Map<String, Map<String, Answer>> archives = new HashMap<>();
  private final AtomicInteger fresh = new AtomicInteger();
  private final AtomicInteger reused = new AtomicInteger();

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
    AnalystProfile profile = options.registry().get(analystId);
    String model = candidate.modelFor(analystId);
    AnalysisOptions sampling = options.analysis();
    if (sample > 1 && sampling.seed().isPresent()) {
      sampling = sampling.toBuilder().seed(sampling.seed().get() + sample - 1).build();
    }
    ChatRequest request = sampling.toRequest(model,
        PromptBuilder.messages(profile, DreamLimits.DEFAULT.check(dream.dream())));
    String requestJson = Json.MOSHI.adapter(ChatRequest.class).toJson(request);
    String promptHash = Sha256.hex(requestJson);
    String key = Sha256.hex("answer\n" + dream.id() + "\n" + analystId + "\n" + sample + "\n" + requestJson);
    Optional<Answer> cached = cache.answer(key);
    if (cached.isPresent()) {
      reused.incrementAndGet();
      return cached.get().withCandidate(candidate.label());
    }
    fresh.incrementAndGet();
    long started = System.nanoTime();
    Answer answer;
    try {
      ChatCompletion reply = client.chat().create(request, sampling.requestOptions());
      Duration latency = Duration.ofNanos(System.nanoTime() - started);
      Usage usage = reply.usage().orElse(Usage.NONE);
      Analysis analysis = new Analysis(analystId, reply.text().orElse(""), model, false, ModelSource.CODE, false,
          reply.finishReason(), reply.firstChoice().flatMap(c -> c.message().refusal()), usage, reply.requestId(),
          latency);
      answer = new Answer(dream.id(), analystId, candidate.label(), sample, model, reply.model(),
          reply.systemFingerprint(), promptHash, analysis.text(), analysis.status(), analysis.refusal(),
          usage.promptTokens(), usage.completionTokens(), latency.toMillis(), analysis.requestId(),
          options.clock().instant().toString(), Optional.empty());
    } catch (OpenAiException e) {
      answer = failed(dream, analystId, candidate, sample, model, promptHash, e.getMessage());
    }
    cache.putAnswer(key, answer);
    return answer;
  }

  private Answer failed(EvalDream dream, String analystId, Candidate candidate, int sample, String model,
      String promptHash, String why) {
    return new Answer(dream.id(), analystId, candidate.label(), sample, model, model, Optional.empty(), promptHash,
        "", dev.reve.analysis.AnalysisStatus.UNEXPECTED, Optional.empty(), 0, 0, 0, Optional.empty(),
        options.clock().instant().toString(), Optional.of(String.valueOf(why)));
  }

  private static String slot(String dreamId, String analystId, int sample) {
    return dreamId + "\n" + analystId + "\n" + sample;
  }
}
