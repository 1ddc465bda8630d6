package dev.reve.finetune.evaluation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model under comparison, under a label that the judge never sees. The same model may serve
 * every analyst ({@link #of}), each analyst may have its own (a fine-tune per analyst, {@link
 * #perAnalyst}), or the answers may come from an archive written by {@code --record} ({@link
 * #recorded}), so that a model can be compared after it is gone.
 *
 * @param label the name in reports, such as {@code base} or {@code fine-tuned}
 * @param model the model for analysts without an entry in {@code models}; empty when every
 *     analyst has one or the answers are recorded
 * @param models the model per analyst id
 * @param archive the recorded answers, when the candidate is an archive
 */
public record Candidate(String label, Optional<String> model, Map<String, String> models, Optional<Path> archive) {

  /** Requires a label and a source of answers. */
  public Candidate {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("a candidate needs a non-blank label");
    }
    model = model == null ? Optional.empty() : model.filter(m -> !m.isBlank());
    models = Map.copyOf(models);
    archive = archive == null ? Optional.empty() : archive;
    if (model.isEmpty() && models.isEmpty() && archive.isEmpty()) {
      throw new IllegalArgumentException("candidate '" + label + "' has no model and no archive");
    }
  }

  /** One model for every analyst, labelled with its id. */
  public static Candidate of(String model) {
    return new Candidate(model, Optional.of(model), Map.of(), Optional.empty());
  }

  /** One model for every analyst, under a label. */
  public static Candidate of(String label, String model) {
    return new Candidate(label, Optional.of(model), Map.of(), Optional.empty());
  }

  /** A model per analyst id, such as each analyst's fine-tune. */
  public static Candidate perAnalyst(String label, Map<String, String> models) {
    return new Candidate(label, Optional.empty(), models, Optional.empty());
  }

  /** The answers recorded in an archive ({@link AnswerArchive}). */
  public static Candidate recorded(String label, Path archive) {
    return new Candidate(label, Optional.empty(), Map.of(), Optional.of(archive));
  }

  /**
   * The model that answers for {@code analystId}.
   *
   * @throws IllegalArgumentException when this candidate has no model for that analyst
   */
  public String modelFor(String analystId) {
    String m = models.get(analystId);
    if (m != null) {
      return m;
    }
    return model.orElseThrow(() -> new IllegalArgumentException(
        "candidate '" + label + "' has no model for analyst '" + analystId + "'"
            + archive.map(a -> " (its answers come from " + a + ")").orElse("")));
  }
}
