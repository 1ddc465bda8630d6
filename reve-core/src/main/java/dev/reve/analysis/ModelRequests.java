package dev.reve.analysis;

import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.openai.models.ModelCapabilities;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The chat request for one model: the same messages and options on every path, shaped by what the
 * model's capabilities say it accepts and by what its server has refused before.
 */
final class ModelRequests {
  /** The pseudo-parameter for the {@code developer} role, which some servers refuse. */
  static final String DEVELOPER_ROLE = "developer role";

  private ModelRequests() {}

  /**
   * The request, leaving out what the model refuses (unless required) and what {@code dropped}
   * names (learned from earlier 400s, unless required).
   */
  static ChatRequest build(
      String model,
      ModelCapabilities caps,
      List<ChatMessage> messages,
      AnalysisOptions o,
      ResponseFormat format,
      Set<String> dropped) {
    Sender send = new Sender(caps, o, dropped);
    String role = dropped.contains(DEVELOPER_ROLE) ? "system" : caps.instructionRole();
    ChatRequest.Builder b =
        ChatRequest.builder().model(model).messages(PromptBuilder.withInstructionRole(messages, role));
    // A model the table does not know that refused temperature is taken for a reasoning model:
    // that refusal is what OpenAI's reasoning models answer, and they need the larger bound.
    boolean reasoning = caps.reasoning() || (!caps.known() && dropped.contains("temperature"));
    int bound = o.maxCompletionTokens() + (reasoning ? o.reasoningBudget() : 0);
    int limited = caps.maxOutputTokens().map(max -> Math.min(max, bound)).orElse(bound);
    boolean legacy = o.legacyMaxTokens();
    if (legacy && !send.ok("max_tokens")) {
      legacy = false;
    } else if (!legacy && !send.ok("max_completion_tokens")) {
      legacy = true;
    }
    if (legacy && send.ok("max_tokens")) {
      b.maxTokens(limited);
    } else if (!legacy && send.ok("max_completion_tokens")) {
      b.maxCompletionTokens(limited);
    }
    o.temperature().filter(t -> send.ok("temperature")).ifPresent(b::temperature);
    o.topP().filter(t -> send.ok("top_p")).ifPresent(b::topP);
    o.seed().filter(t -> send.ok("seed")).ifPresent(b::seed);
    o.safetyIdentifier().filter(t -> send.ok("safety_identifier")).ifPresent(b::safetyIdentifier);
    o.reasoningEffort()
        .or(() -> caps.reasoning() ? caps.defaultReasoningEffort() : java.util.Optional.empty())
        .filter(e -> send.ok("reasoning_effort"))
        .ifPresent(b::reasoningEffort);
    o.verbosity()
        .filter(v -> send.ok("verbosity") && (caps.verbosity() || !caps.known() || o.requires("verbosity")))
        .ifPresent(b::verbosity);
    if (format != null) {
      b.responseFormat(format);
    }
    return b.build();
  }

  /** The wire names of the optional parameters {@code request} carries, the developer role included. */
  static Set<String> sent(ChatRequest request) {
    Set<String> sent = new LinkedHashSet<>();
    request.temperature().ifPresent(v -> sent.add("temperature"));
    request.topP().ifPresent(v -> sent.add("top_p"));
    request.maxCompletionTokens().ifPresent(v -> sent.add("max_completion_tokens"));
    request.maxTokens().ifPresent(v -> sent.add("max_tokens"));
    request.seed().ifPresent(v -> sent.add("seed"));
    request.safetyIdentifier().ifPresent(v -> sent.add("safety_identifier"));
    request.reasoningEffort().ifPresent(v -> sent.add("reasoning_effort"));
    request.verbosity().ifPresent(v -> sent.add("verbosity"));
    if (request.messages().stream().anyMatch(m -> m.role().equals("developer"))) {
      sent.add(DEVELOPER_ROLE);
    }
    return sent;
  }

  /** Whether a parameter goes out: required ones always, others when accepted and not dropped. */
  private record Sender(ModelCapabilities caps, AnalysisOptions options, Set<String> dropped) {
    boolean ok(String wireName) {
      return options.requires(wireName) || (caps.accepts(wireName) && !dropped.contains(wireName));
    }
  }
}
