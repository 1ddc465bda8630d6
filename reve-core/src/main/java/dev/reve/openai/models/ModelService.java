package dev.reve.openai.models;

import dev.reve.openai.ApiRequest;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.internal.Json;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Models: {@code GET models}, {@code GET models/{id}}, {@code DELETE models/{id}}. */
public final class ModelService {
  private final OpenAiClient client;

  /** Used by {@link OpenAiClient#models()}. */
  public ModelService(OpenAiClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Every model the key can use. */
  public List<Model> list() {
    return client.<ModelPage>execute(ApiRequest.get("models").build(), ModelPage.class).body().data();
  }

  /** {@link #list()} without blocking. */
  public CompletableFuture<List<Model>> listAsync() {
    return client
        .<ModelPage>executeAsync(ApiRequest.get("models").build(), ModelPage.class)
        .thenApply(r -> r.body().data());
  }

  /**
   * One model, including its {@code shutdown_date}.
   *
   * @throws dev.reve.openai.NotFoundException when the model does not exist or was retired
   */
  public Model retrieve(String id) {
    return client.<Model>execute(ApiRequest.get("models", id).build(), Model.class).body();
  }

  /** {@link #retrieve(String)} without blocking. */
  public CompletableFuture<Model> retrieveAsync(String id) {
    return client
        .<Model>executeAsync(ApiRequest.get("models", id).build(), Model.class)
        .thenApply(r -> r.body());
  }

  /** Deletes a fine-tuned model the organisation owns. */
  public ModelDeleted delete(String id) {
    return client.<ModelDeleted>execute(ApiRequest.delete("models", id).build(), ModelDeleted.class).body();
  }

  /**
   * The list envelope.
   *
   * @param data the models
   */
  public record ModelPage(List<Model> data) {
    /** Normalises absent values. */
    public ModelPage {
      data = Json.list(data);
    }
  }
}
