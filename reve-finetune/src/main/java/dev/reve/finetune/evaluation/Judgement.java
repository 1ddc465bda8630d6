package dev.reve.finetune.evaluation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the judge said about one answer (rubric scores) or one ordered pair of answers (a
 * preference), as cached.
 *
 * @param judgeModel the judge's model id
 * @param rubricVersion the rubric used
 * @param scores criterion → 1-5, for a scoring; empty for a preference
 * @param reasons criterion → the judge's reason, for a scoring
 * @param preferred {@code 1}, {@code 2} or {@code tie}, for a preference (by position shown)
 * @param reason the judge's reason for a preference
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param error why there is no judgement (the call failed or the reply could not be read)
 */
public record Judgement(
    String judgeModel,
    String rubricVersion,
    Map<String, Integer> scores,
    Map<String, String> reasons,
    Optional<String> preferred,
    Optional<String> reason,
    long promptTokens,
    long completionTokens,
    Optional<String> error) {

  /** Copies the maps; normalises absent optionals. */
  public Judgement {
    Objects.requireNonNull(judgeModel, "judgeModel");
    Objects.requireNonNull(rubricVersion, "rubricVersion");
    scores = scores == null ? Map.of() : Map.copyOf(scores);
    reasons = reasons == null ? Map.of() : Map.copyOf(reasons);
    preferred = preferred == null ? Optional.empty() : preferred;
    reason = reason == null ? Optional.empty() : reason;
    error = error == null ? Optional.empty() : error;
  }

  /** A judge call that gave nothing usable. */
  static Judgement failed(String judgeModel, String rubricVersion, String why) {
    return new Judgement(judgeModel, rubricVersion, Map.of(), Map.of(), Optional.empty(), Optional.empty(), 0, 0,
        Optional.of(why));
  }
}
