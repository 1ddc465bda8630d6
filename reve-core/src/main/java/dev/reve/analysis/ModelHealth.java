package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.models.Model;
import dev.reve.openai.models.ModelCapabilities;
import dev.reve.openai.models.ModelCatalog;
import java.time.temporal.ChronoUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the models in use exist and when they shut down: one cached lookup per model and server,
 * a WARN once when a shutdown is near.
 */
final class ModelHealth {
  private static final Logger LOG = LoggerFactory.getLogger(DreamAnalysts.class);

  private final AnalystEndpoints endpoints;
  private final CheckedResolver resolver;
  private final Clock clock;
  private final Duration shutdownWarning;
  private final boolean checkShutdownDates;
  private final ModelCatalog catalog;
  private final Map<String, CompletableFuture<ModelStatus>> lookups = new ConcurrentHashMap<>();

  ModelHealth(
      AnalystEndpoints endpoints,
      CheckedResolver resolver,
      Clock clock,
      Duration shutdownWarning,
      boolean checkShutdownDates,
      ModelCatalog catalog) {
    this.catalog = catalog;
    this.endpoints = endpoints;
    this.resolver = resolver;
    this.clock = clock;
    this.shutdownWarning = shutdownWarning;
    this.checkShutdownDates = checkShutdownDates;
  }

  /** Starts the background lookup of a model about to be used, when shutdown dates are checked. */
  void watch(OpenAiClient endpoint, String model) {
    if (checkShutdownDates) {
      lookup(endpoint, model);
    }
  }

  /** Every model the analysts use (and the base model configured ones fall back to), looked up. */
  List<ModelStatus> check(List<AnalystProfile> profiles) {
    Map<String, ModelUse> used = new LinkedHashMap<>();
    for (AnalystProfile profile : profiles) {
      ModelChoice choice = resolver.resolve(profile);
      use(used, endpoints.endpointFor(profile, choice), choice.model(), profile.id());
      if (choice.configured()) {
        use(used, endpoints.main(), choice.baseModel(), "base");
      }
    }
    List<ModelStatus> statuses = new ArrayList<>();
    for (ModelUse use : used.values()) {
      ModelStatus found = Futures.await(lookup(use.endpoint(), use.model()));
      Optional<LocalDate> shutdown = found.shutdownDate();
      statuses.add(
          new ModelStatus(found.model(), found.endpoint(), List.copyOf(use.users()),
              found.available(), shutdown, found.problem(),
              shutdown.map(d -> ChronoUnit.DAYS.between(LocalDate.now(clock), d))));
    }
    return List.copyOf(statuses);
  }

  private static void use(Map<String, ModelUse> used, OpenAiClient endpoint, String model, String by) {
    used.computeIfAbsent(
            endpoint.baseUrl() + " " + model, k -> new ModelUse(endpoint, model, new LinkedHashSet<>()))
        .users()
        .add(by);
  }

  /** A model on a server and the analysts (or "base") that use it. */
  private record ModelUse(OpenAiClient endpoint, String model, Set<String> users) {}

  /** The cached lookup of a model; a failed lookup is forgotten so the next call tries again. */
  private CompletableFuture<ModelStatus> lookup(OpenAiClient endpoint, String model) {
    String key = endpoint.baseUrl() + " " + model;
    CompletableFuture<ModelStatus> existing = lookups.get(key);
    if (existing != null) {
      return existing;
    }
    CompletableFuture<ModelStatus> created = new CompletableFuture<>();
    existing = lookups.putIfAbsent(key, created);
    if (existing != null) {
      return existing;
    }
    String where = endpoint.baseUrl().toString();
    endpoint
        .models()
        .retrieveAsync(model)
        .handle(
            (found, error) -> {
              if (error == null) {
                return new ModelStatus(
                    model, where, List.of(), true, found.shutdown().or(() -> tableDate(model)),
                    Optional.empty());
              }
              Throwable cause = Futures.unwrapQuietly(error);
              if (cause instanceof NotFoundException) {
                return listed(endpoint, model, where);
              }
              return problem(model, where, cause.toString());
            })
        .whenComplete(
            (status, error) -> {
              ModelStatus result = status != null ? status : problem(model, where, String.valueOf(error));
              if (result.problem().isPresent()) {
                LOG.debug("could not look up model '{}' at {}: {}", model, where, result.problem().get());
                lookups.remove(key, created);
              } else {
                warnIfShuttingDown(result);
              }
              created.complete(result);
            });
    return created;
  }

  private static ModelStatus problem(String model, String where, String problem) {
    return new ModelStatus(model, where, List.of(), true, Optional.empty(), Optional.of(problem));
  }

  /**
   * After a 404 from {@code GET models/{id}}: servers such as vLLM only list their models, so the
   * list decides.
   */
  private ModelStatus listed(OpenAiClient endpoint, String model, String where) {
    try {
      Optional<Model> found =
          endpoint.models().list().stream().filter(m -> m.id().equals(model)).findFirst();
      return new ModelStatus(
          model, where, List.of(), found.isPresent(),
          found.flatMap(Model::shutdown).or(() -> tableDate(model)), Optional.empty());
    } catch (NotFoundException e) {
      return new ModelStatus(model, where, List.of(), false, Optional.empty(), Optional.empty());
    } catch (RuntimeException e) {
      return problem(model, where, e.toString());
    }
  }

  /** The shutdown date of the model's family in the capabilities table, when the server gave none. */
  private Optional<LocalDate> tableDate(String model) {
    return catalog.find(model).flatMap(ModelCapabilities::shutdownDate);
  }

  private void warnIfShuttingDown(ModelStatus status) {
    if (status.shutdownDate().isEmpty()) {
      return;
    }
    long days = status.daysUntilShutdown(LocalDate.now(clock)).orElseThrow();
    if (days > shutdownWarning.toDays()) {
      return;
    }
    LOG.warn(
        "Model '{}' at {} {} on {} ({}): fine-tune a current base model and promote it, or"
            + " point {} or the analyst's model setting at a current model.",
        status.model(),
        status.endpoint(),
        days < 0 ? "was due to shut down" : "shuts down",
        status.shutdownDate().get(),
        days < 0 ? (-days) + " days ago" : "in " + days + " days",
        ModelResolver.BASE_MODEL_ENV);
  }
}
