package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.openai.error.NotFoundException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an analyst's messages to its model; when a configured model answers 404, sends the same
 * messages to the base model on the main client once and says so.
 */
final class FallbackChat {
  private static final Logger LOG = LoggerFactory.getLogger(DreamAnalysts.class);

  private final AnalystEndpoints endpoints;
  private final CheckedResolver resolver;
  private final ModelHealth health;
  private final Set<String> warnedFallbacks = ConcurrentHashMap.newKeySet();

  FallbackChat(AnalystEndpoints endpoints, CheckedResolver resolver, ModelHealth health) {
    this.endpoints = endpoints;
    this.resolver = resolver;
    this.health = health;
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
          send(cancel, endpoint, request(choice.model(), messages, options, format), options, onText);
      return new Answer(completion, choice.model(), choice.configured(), choice.source(), false);
    } catch (NotFoundException gone) {
      if (!choice.configured()) {
        throw new ModelUnavailableException(
            choice.model(), endpoint.baseUrl().toString(), choice.setting(), gone);
      }
      warnFallback(profile, choice, endpoint, gone);
      OpenAiClient main = endpoints.main();
      health.watch(main, choice.baseModel());
      try {
        ChatCompletion completion =
            send(cancel, main, request(choice.baseModel(), messages, options, format), options, onText);
        return new Answer(completion, choice.baseModel(), false, choice.source(), true);
      } catch (NotFoundException baseGone) {
        ModelUnavailableException failure =
            new ModelUnavailableException(
                choice.baseModel(), main.baseUrl().toString(), choice.baseModelSetting(), baseGone);
        failure.addSuppressed(gone);
        throw failure;
      }
    }
  }

  private static ChatCompletion send(
      Cancellation cancel,
      OpenAiClient endpoint,
      ChatRequest request,
      AnalysisOptions options,
      Consumer<String> onText) {
    if (onText == null) {
      return endpoint.chat().create(request, options.requestOptions(), cancel);
    }
    return endpoint.chat().stream(request, onText::accept, options.requestOptions(), cancel);
  }

  /** The request for one model: the same messages and sampling on every path. */
  static ChatRequest request(
      String model, List<ChatMessage> messages, AnalysisOptions options, ResponseFormat format) {
    ChatRequest request = options.toRequest(model, messages);
    return format == null ? request : request.toBuilder().responseFormat(format).build();
  }

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
