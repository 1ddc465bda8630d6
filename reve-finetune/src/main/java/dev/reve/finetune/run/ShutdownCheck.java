package dev.reve.finetune.run;

import dev.reve.finetune.FineTunedModels;
import dev.reve.finetune.ProviderKind;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.models.ModelCapabilities;
import dev.reve.openai.models.ModelCatalog;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether a fine-tuned model can still be promoted: refused when the server no longer has it, or
 * its shutdown date (the server's {@code shutdown_date}, or else its base family's in the
 * capabilities table) is today or past. On a provider without {@code GET models/{id}} (Together
 * AI) only the capabilities table is consulted.
 */
final class ShutdownCheck {
  private final FineTunedModels models;
  private final boolean askServer;
  private final LocalDate today;
  private final ModelCatalog catalog;

  ShutdownCheck(FineTunedModels models, ProviderKind provider, LocalDate today, ModelCatalog catalog) {
    this.models = models;
    this.askServer = provider.looksUpModels();
    this.today = today;
    this.catalog = catalog;
  }

  /** Why {@code model} must not be promoted, or empty when it may be. */
  Optional<String> refusal(String model) {
    Optional<LocalDate> announced = Optional.empty();
    try {
      if (askServer) {
        announced = models.retrieve(model).shutdown();
      }
    } catch (NotFoundException e) {
      return Optional.of(model + " is not available any more (HTTP 404): it was deleted or retired;"
          + " train a new model on a current base model");
    } catch (RuntimeException e) {
      announced = Optional.empty();
    }
    Optional<LocalDate> date =
        announced.or(() -> catalog.find(model).flatMap(ModelCapabilities::shutdownDate));
    if (date.isPresent() && !date.get().isAfter(today)) {
      return Optional.of(model + " shut down on " + date.get() + "; a model past its shutdown date"
          + " answers 404, so it is not written to the models file. Train a new model on a current"
          + " base model, or let the analyst use REVE_BASE_MODEL");
    }
    return Optional.empty();
  }
}
