package dev.reve.finetune.evaluation;

import dev.reve.analysis.AnalysisStatus;
import dev.reve.openai.models.PriceTier;
import java.util.Objects;
import java.util.Optional;

/**
 * One analyst's answer to one evaluation dream from one candidate, as cached and archived.
 *
 * @param dreamId the evaluation dream
 * @param analystId the analyst, such as {@code jung}
 * @param candidate the candidate's label
 * @param sample which sample of the same prompt, from 1
 * @param requestedModel the model id sent
 * @param servedModel the model id the server reported (a dated snapshot for an alias)
 * @param systemFingerprint the server's {@code system_fingerprint}, if it sent one
 * @param promptSha256 SHA-256 of the exact messages and options sent
 * @param text the answer; empty when refused or failed
 * @param status how the answer ended ({@code COMPLETE}, {@code TRUNCATED}, {@code REFUSED}, ...)
 * @param refusal the model's refusal message, if it refused
 * @param promptTokens input tokens reported
 * @param completionTokens output tokens reported
 * @param latencyMillis wall time of the call
 * @param requestId the server's request id
 * @param answeredAt when the answer arrived (ISO-8601 instant)
 * @param error why there is no answer (the call failed); empty for an answer. Failed calls are
 *     never cached, so a rerun asks again
 * @param tier how the answer was billed: {@code STANDARD} when asked alone, {@code BATCH} when it
 *     came through the Batch API ({@code reve compare --batch}); absent in older cache entries,
 *     which were all asked alone
 * @param cachedPromptTokens the part of {@code promptTokens} served from the prompt cache, when
 *     the server reported it (priced at the cached-input price)
 */
public record Answer(
    String dreamId,
    String analystId,
    String candidate,
    int sample,
    String requestedModel,
    String servedModel,
    Optional<String> systemFingerprint,
    String promptSha256,
    String text,
    AnalysisStatus status,
    Optional<String> refusal,
    long promptTokens,
    long completionTokens,
    long latencyMillis,
    Optional<String> requestId,
    String answeredAt,
    Optional<String> error,
    PriceTier tier,
    Optional<Long> cachedPromptTokens) {

  /** Requires the identifying fields; normalises absent optionals. */
  public Answer {
    Objects.requireNonNull(dreamId, "dreamId");
    Objects.requireNonNull(analystId, "analystId");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(requestedModel, "requestedModel");
    servedModel = servedModel == null || servedModel.isBlank() ? requestedModel : servedModel;
    systemFingerprint = systemFingerprint == null ? Optional.empty() : systemFingerprint;
    Objects.requireNonNull(promptSha256, "promptSha256");
    text = text == null ? "" : text;
    Objects.requireNonNull(status, "status");
    refusal = refusal == null ? Optional.empty() : refusal;
    requestId = requestId == null ? Optional.empty() : requestId;
    answeredAt = answeredAt == null ? "" : answeredAt;
    error = error == null ? Optional.empty() : error;
    tier = tier == null ? PriceTier.STANDARD : tier;
    cachedPromptTokens = cachedPromptTokens == null ? Optional.empty() : cachedPromptTokens;
  }

  /** Whether the call failed and there is no answer at all. */
  public boolean failed() {
    return error.isPresent();
  }

  /** The same answer under another candidate label (an archive read back under a new name). */
  public Answer withCandidate(String label) {
    return new Answer(dreamId, analystId, label, sample, requestedModel, servedModel, systemFingerprint,
        promptSha256, text, status, refusal, promptTokens, completionTokens, latencyMillis, requestId,
        answeredAt, error, tier, cachedPromptTokens);
  }
}
