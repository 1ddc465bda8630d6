package dev.reve.openai.models;

import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.Transport;
import dev.reve.openai.spi.Json;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Models: {@code GET models}, {@code GET models/{id}}, {@code DELETE models/{id}}. */
public final class ModelService {
  private static final com.squareup.moshi.JsonAdapter<Model> MODEL = Json.MOSHI.adapter(Model.class);

  private final Transport transport;

  /** Over a client's transport; applications use {@code OpenAiClient.models()}. */
  public ModelService(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /** Every model the key can use. */
  public List<Model> list() {
    return models(transport.send(ApiRequest.get("models").build(), Object.class));
  }

  /** {@link #list()} with per-request options (a short deadline for a look-up, say). */
  public List<Model> list(dev.reve.openai.call.RequestOptions options) {
    return models(transport.send(ApiRequest.get("models").options(options).build(), Object.class));
  }

  /** {@link #list()} without blocking. */
  public CompletableFuture<List<Model>> listAsync() {
    return transport.async(cancel -> models(
        transport.send(ApiRequest.get("models").build(), Object.class, cancel)));
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
   * The models of a list body: OpenAI's envelope ({@code {"data": [...]}}) or, as Together AI and
   * some OpenAI-compatible servers answer, a bare array.
   */
  private static List<Model> models(dev.reve.openai.spi.ApiResponse<Object> response) {
    Object body = response.body();
    Object items = body instanceof java.util.Map<?, ?> page ? page.get("data") : body;
    if (!(items instanceof List<?> list)) {
      return List.of();
    }
    List<Model> models = new java.util.ArrayList<>(list.size());
    for (Object item : list) {
      if (item == null) {
        continue;
      }
      try {
        models.add(MODEL.fromJsonValue(item));
      } catch (com.squareup.moshi.JsonDataException e) {
        throw new dev.reve.openai.error.MalformedResponseException(
            response.metadata().statusCode(), "(a model list)",
            response.metadata().requestId().orElse(null), "a model: " + e.getMessage(), e);
      }
    }
    return List.copyOf(models);
  }

  /**
   * The list envelope.
   *
   * @param data the models
   */
  public record ModelPage(List<Model> data) {}
}
