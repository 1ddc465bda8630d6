package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.models.Model;
import dev.reve.openai.models.ModelCapabilities;
import dev.reve.openai.models.ModelCatalog;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an analyst's messages to its model, shaped by the model's capabilities; when a configured
 * model answers 404, sends the same messages to the base model on the main client once and says
 * so.
 */
final class FallbackChat {
  private static final Logger LOG = LoggerFactory.getLogger(DreamAnalysts.class);

  private final AnalystEndpoints endpoints;
  private final CheckedResolver resolver;
  private final ModelHealth health;
  private final ModelCatalog catalog;
  private final Clock clock;
  private final ParameterAdapter adapter = new ParameterAdapter();
  private final Set<String> warnedFallbacks = ConcurrentHashMap.newKeySet();

  FallbackChat(
      AnalystEndpoints endpoints, CheckedResolver resolver, ModelHealth health, ModelCatalog catalog,
      Clock clock) {
    this.endpoints = endpoints;
    this.resolver = resolver;
    this.health = health;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** A chat completion and which model produced it. */
  record Answer(
      ChatCompletion completion, String model, boolean configured, ModelSource source, boolean fellBack) {}

  /**
   * The completion for {@code messages}; streamed to {@code onText} when it is not null.
   *
   * @throws ModelUnavailableException when the model answering last is gone
   */
  Answer complete(
      AnalystProfile profile,
      List<ChatMessage> messages,
      AnalysisOptions options,
      ResponseFormat format,
      Consumer<String> onText,
      Cancellation cancel) {
    ModelChoice choice = resolver.resolve(profile);
    OpenAiClient endpoint = endpoints.endpointFor(profile, choice);
    health.watch(endpoint, choice.model());
    try {
      ChatCompletion completion =
          send(cancel, endpoint, choice.model(), messages, options, format, onText);
      return new Answer(completion, choice.model(), choice.configured(), choice.source(), false);
    } catch (NotFoundException gone) {
      if (!choice.configured()) {
        throw unavailable(choice.model(), endpoint, choice.setting(), gone);
      }
      warnFallback(profile, choice, endpoint, gone);
      OpenAiClient main = endpoints.main();
      health.watch(main, choice.baseModel());
      try {
        ChatCompletion completion =
            send(cancel, main, choice.baseModel(), messages, options, format, onText);
        return new Answer(completion, choice.baseModel(), false, choice.source(), true);
      } catch (NotFoundException baseGone) {
        ModelUnavailableException failure =
            unavailable(choice.baseModel(), main, choice.baseModelSetting(), baseGone);
        failure.addSuppressed(gone);
        throw failure;
      }
    }
  }

  /**
   * Sends the request shaped for {@code model}; a 400 naming an unsupported parameter is answered
   * by sending again without it (see {@link ParameterAdapter}), a bounded number of times.
   */
  private ChatCompletion send(
      Cancellation cancel,
      OpenAiClient endpoint,
      String model,
      List<ChatMessage> messages,
      AnalysisOptions options,
      ResponseFormat format,
      Consumer<String> onText) {
    ModelCapabilities caps = catalog.capabilities(model);
    Set<String> droppedThisCall = new HashSet<>();
    while (true) {
      ChatRequest request =
          ModelRequests.build(model, caps, messages, options, format, adapter.dropped(endpoint, model));
      try {
        if (onText == null) {
          return endpoint.chat().create(request, options.requestOptions(), cancel);
        }
        return endpoint.chat().stream(request, onText::accept, options.requestOptions(), cancel);
      } catch (BadRequestException refused) {
        adapter.adapt(endpoint, model, request, options, refused, droppedThisCall);
      }
    }
  }

  /** The error for a model that answered 404, naming the models the key can use now. */
  private ModelUnavailableException unavailable(
      String model, OpenAiClient endpoint, String setting, NotFoundException gone) {
    List<String> usable;
    try {
      LocalDate today = LocalDate.now(clock);
      usable = endpoint.models().list(LISTING).stream()
          .filter(m -> m.shutdown().map(d -> d.isAfter(today)).orElse(true))
          .map(Model::id)
          .filter(FallbackChat::chatModel)
          .sorted(Comparator.comparing((String id) -> catalog.find(id).isEmpty()).thenComparing(id -> id))
          .toList();
    } catch (RuntimeException e) {
      LOG.debug("could not list the models at {}: {}", endpoint.baseUrl(), e.toString());
      usable = null;
    }
    Optional<LocalDate> retired =
        catalog.find(model).flatMap(ModelCapabilities::shutdownDate)
            .filter(d -> !d.isAfter(LocalDate.now(clock)));
    return new ModelUnavailableException(
        model, endpoint.baseUrl().toString(), setting, gone, Optional.ofNullable(usable), retired);
  }

  /** The look-up of usable models only explains a failure: short, and never retried. */
  private static final RequestOptions LISTING =
      RequestOptions.builder().callTimeout(java.time.Duration.ofSeconds(10)).maxRetries(0).build();

  private static boolean chatModel(String id) {
    String lower = id.toLowerCase(java.util.Locale.ROOT);
    for (String other : NOT_CHAT) {
      if (lower.contains(other)) {
        return false;
      }
    }
    return true;
  }

  private static final List<String> NOT_CHAT =
      List.of("embedding", "whisper", "tts", "dall-e", "moderation", "image", "transcribe",
          "realtime", "audio", "search", "sora", "babbage", "davinci");

  private void warnFallback(
      AnalystProfile profile, ModelChoice choice, OpenAiClient endpoint, NotFoundException gone) {
    if (warnedFallbacks.add(endpoint.baseUrl() + " " + choice.model())) {
      LOG.warn(
          "Analyst '{}': model '{}' (from {}) at {} answered 404 ({}); answering from the base"
              + " model '{}' with the same prompt instead. Fine-tune and promote a new model, or"
              + " remove the setting. Shown once per model.",
          profile.id(),
          choice.model(),
          choice.setting(),
          endpoint.baseUrl(),
          gone.apiMessage().orElse("not found"),
          choice.baseModel());
    }
  }
}
