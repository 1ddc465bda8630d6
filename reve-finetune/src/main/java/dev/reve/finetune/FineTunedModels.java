package dev.reve.finetune;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.Model;
import dev.reve.openai.models.ModelDeleted;
import java.util.List;
import java.util.Objects;

/** The account's fine-tuned models ({@code ft:...} ids among {@code GET models}). */
public final class FineTunedModels {
  private final OpenAiClient client;

  FineTunedModels(OpenAiClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Every fine-tuned model the key can use. */
  public List<Model> list() {
    return client.models().list().stream().filter(Model::isFineTuned).toList();
  }

  /** The fine-tuned models owned by {@code organization} (its {@code owned_by}). */
  public List<Model> list(String organization) {
    dev.reve.openai.spi.Json.requireText(organization, "organization");
    return list().stream().filter(m -> m.ownedBy().filter(organization::equals).isPresent()).toList();
  }

  /**
   * One model with its {@code shutdown_date}.
   *
   * @throws dev.reve.openai.error.NotFoundException when it does not exist (deleted or retired)
   */
  public Model retrieve(String modelId) {
    dev.reve.openai.spi.Json.requireText(modelId, "modelId");
    return client.models().retrieve(modelId);
  }

  /**
   * Deletes a fine-tuned model the organisation owns.
   *
   * @throws IllegalArgumentException when {@code modelId} is not a fine-tuned model id, so a base
   *     model can never be deleted by mistake
   */
  public ModelDeleted delete(String modelId) {
    dev.reve.openai.spi.Json.requireText(modelId, "modelId");
    if (!modelId.startsWith("ft:")) {
      throw new IllegalArgumentException(
          "'" + modelId + "' is not a fine-tuned model id (those start with 'ft:'); refusing to"
              + " delete it");
    }
    return client.models().delete(modelId);
  }
}
