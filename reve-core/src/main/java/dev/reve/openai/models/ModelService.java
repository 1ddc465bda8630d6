package dev.reve.openai.models;

import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.Transport;
import dev.reve.openai.spi.Json;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Models: {@code GET models}, {@code GET models/{id}}, {@code DELETE models/{id}}. */
public final class ModelService {
  private final Transport transport;

  /** Over a client's transport; applications use {@code OpenAiClient.models()}. */
  public ModelService(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /** Every model the key can use. */
  public List<Model> list() {
    return transport.<ModelPage>send(ApiRequest.get("models").build(), ModelPage.class).body().data();
  }

  /** {@link #list()} with per-request options (a short deadline for a look-up, say). */
  public List<Model> list(dev.reve.openai.call.RequestOptions options) {
    return transport.<ModelPage>send(ApiRequest.get("models").options(options).build(), ModelPage.class)
        .body().data();
  }

  /** {@link #list()} without blocking. */
  public CompletableFuture<List<Model>> listAsync() {
    return transport.async(cancel -> transport.<ModelPage>send(ApiRequest.get("models").build(), ModelPage.class, cancel))
        .thenApply(r -> r.body().data());
  }

  /**
   * One model, including its {@code shutdown_date}.
   *
   * @throws dev.reve.openai.error.NotFoundException when the model does not exist or was retired
   */
  public Model retrieve(String id) {
    return transport.<Model>send(ApiRequest.get("models", id).build(), Model.class).body();
  }

  /** {@link #retrieve(String)} without blocking. */
  public CompletableFuture<Model> retrieveAsync(String id) {
    return transport.async(cancel -> transport.<Model>send(ApiRequest.get("models", id).build(), Model.class, cancel))
        .thenApply(r -> r.body());
  }

  /** Deletes a fine-tuned model the organisation owns. */
  public ModelDeleted delete(String id) {
    return transport.<ModelDeleted>send(ApiRequest.delete("models", id).build(), ModelDeleted.class).body();
  }

  /**
   * The list envelope.
   *
   * @param data the models
   */
  public record ModelPage(List<Model> data) {}
}
