package dev.reve.testkit;

import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;

/** {@code GET /models}, {@code GET /models/{id}} and {@code DELETE /models/{id}}. */
final class ModelsRoute implements Route {
  private final EmulatorState state;
  private final EmulatedModels models;

  ModelsRoute(EmulatorState state, EmulatedModels models) {
    this.state = state;
    this.models = models;
  }

  @Override
  public String prefix() {
    return "models";
  }

  @Override
  public Optional<MockResponse> answer(EmulatedRequest r, List<String> rest) {
    if (rest.isEmpty()) {
      return r.method().equals("GET")
          ? Route.ok(Pages.whole(models.all().stream().map(WireShapes::model).toList()))
          : Optional.empty();
    }
    // Fine-tuned model ids hold no slash, but some servers' ids do (org/model): keep them whole.
    String id = String.join("/", rest);
    return switch (r.method()) {
      case "GET" -> Route.ok(WireShapes.model(model(id)));
      case "DELETE" -> Route.ok(delete(id));
      default -> Optional.empty();
    };
  }

  private StoredModel model(String id) {
    return models.find(id).orElseThrow(() -> new Refusal(Replies.modelNotFound(id)));
  }

  private Object delete(String id) {
    if (!model(id).ownedBy().equals(state.organization)) {
      throw new Refusal(403, "You do not have permission to delete model " + id
          + "; only fine-tuned models your organization owns can be deleted.", "model", "model_not_deletable");
    }
    models.remove(id);
    return WireShapes.deleted(id, "model");
  }
}
