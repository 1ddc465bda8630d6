package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.models.ModelCatalog;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts to a server that answers 400 {@code unsupported_parameter} or {@code unsupported_value}
 * naming a parameter: the call is sent again without it, once, and the parameter is left out of
 * every later request to that model on that server, with one WARN. A parameter the options mark
 * as required is never dropped, and a call never drops the same parameter twice.
 */
final class ParameterAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DreamAnalysts.class);

  /** At most this many parameters are dropped in one call: every retry drops a different one. */
  static final int MAX_DROPS_PER_CALL = 3;

  private final ConcurrentHashMap<String, Set<String>> dropped = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** What earlier refusals taught about this model on this server. */
  Set<String> dropped(OpenAiClient endpoint, String model) {
    Set<String> found = dropped.get(key(endpoint, model));
    return found == null ? Set.of() : Set.copyOf(found);
  }

  /**
   * Returns when the call should be sent again without the refused parameter (now remembered),
   * and throws otherwise.
   *
   * @param droppedThisCall the parameters this call already dropped; updated
   * @throws BadRequestException {@code refusal} itself when it is not about a parameter that was
   *     sent, or the call has already dropped it or {@value #MAX_DROPS_PER_CALL} others
   * @throws RequiredParameterRefusedException when the options mark the parameter as required
   */
  void adapt(
      OpenAiClient endpoint,
      String model,
      ChatRequest sent,
      AnalysisOptions options,
      BadRequestException refusal,
      Set<String> droppedThisCall) {
    Optional<String> code = refusal.code();
    if (code.isEmpty()
        || !(code.get().equals("unsupported_parameter") || code.get().equals("unsupported_value"))) {
      throw refusal;
    }
    String parameter = refusal.param().map(ParameterAdapter::wireName).orElse(null);
    if (parameter == null || !ModelRequests.sent(sent).contains(parameter)) {
      throw refusal;
    }
    if (options.requires(parameter)) {
      throw new RequiredParameterRefusedException(
          model, endpoint.baseUrl().toString(), parameter, refusal);
    }
    if (droppedThisCall.size() >= MAX_DROPS_PER_CALL || !droppedThisCall.add(parameter)) {
      throw refusal;
    }
    String key = key(endpoint, model);
    dropped.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(parameter);
    if (warned.add(key + " " + parameter)) {
      LOG.warn(
          "Model '{}' at {} refused {} ({} {}); sent the request again without it, and it is left out"
              + " of every later request to this model. To configure it: {} Shown once per model"
              + " and parameter.",
          model,
          endpoint.baseUrl(),
          parameter.equals(ModelRequests.DEVELOPER_ROLE) ? "the developer role" : "'" + parameter + "'",
          code.get(),
          refusal.apiMessage().orElse(""),
          hint(parameter));
    }
  }

  /** The parameter a refusal's {@code param} names; {@code messages[0].role} is the role. */
  private static String wireName(String param) {
    String p = param.strip();
    if (p.startsWith("messages") && p.endsWith("role")) {
      return ModelRequests.DEVELOPER_ROLE;
    }
    return p;
  }

  private static String hint(String parameter) {
    String row =
        " a capabilities row for the model listing it under 'refuses' ("
            + ModelCatalog.FILE_ENV
            + ", docs/reasoning-models.md) stops it being sent at all; mark it required"
            + " (AnalysisOptions.Builder.require) to fail instead.";
    return switch (parameter) {
      case "temperature" -> "AnalysisOptions.builder().noTemperature() sends none, or" + row;
      case ModelRequests.DEVELOPER_ROLE -> "the instructions now go as 'system';" + row.replace("listing it under 'refuses'", "with role system");
      default -> "leave it out of the AnalysisOptions, or" + row;
    };
  }

  private static String key(OpenAiClient endpoint, String model) {
    return endpoint.baseUrl() + " " + model;
  }
}
