package dev.reve.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the emulator's reasoning models (ids starting {@code gpt-5}, {@code gpt-6}, {@code o1},
 * {@code o3}, {@code o4}, and fine-tunes of them) answer differently from chat models, as
 * OpenAI's do: they refuse a {@code temperature} or {@code top_p} other than 1 and {@code
 * max_tokens} with OpenAI's 400 bodies, accept only their own {@code reasoning_effort} values,
 * spend hidden reasoning tokens out of {@code max_completion_tokens} (reported in {@code
 * usage.completion_tokens_details.reasoning_tokens}) and so can come back empty with {@code
 * finish_reason: length}. Chat models refuse {@code reasoning_effort} and {@code verbosity}.
 *
 * <p>Reasoning tokens per effort (OpenAI's default effort is {@code medium}): none 0, minimal 96,
 * low 640, medium 2,432, high 7,680, xhigh 15,360, max 30,720.
 */
final class ReasoningModels {
  private static final Map<String, Integer> TOKENS =
      Map.of("none", 0, "minimal", 96, "low", 640, "medium", 2432, "high", 7680, "xhigh", 15_360,
          "max", 30_720);

  private ReasoningModels() {}

  /** Whether the emulator treats {@code model} as a reasoning model. */
  static boolean isReasoning(String model) {
    String id = model.toLowerCase(Locale.ROOT);
    if (id.startsWith("ft:")) {
      String[] parts = id.split(":", -1);
      id = parts.length > 1 ? parts[1] : "";
    }
    return id.startsWith("gpt-5") || id.startsWith("gpt-6") || id.startsWith("o1")
        || id.startsWith("o3") || id.startsWith("o4");
  }

  /** Refuses what the model does not take, with OpenAI's 400 body. */
  static void refuseUnsupported(EmulatedRequest r, String model) {
    Map<String, Object> json = r.json();
    if (!isReasoning(model)) {
      for (String p : List.of("reasoning_effort", "verbosity")) {
        if (json.get(p) != null) {
          throw unsupportedParameter(p, "");
        }
      }
      return;
    }
    for (String p : List.of("temperature", "top_p")) {
      Object value = json.get(p);
      if (value instanceof Number n && n.doubleValue() != 1.0) {
        throw new Refusal(400, "Unsupported value: '" + p + "' does not support " + plain(n)
            + " with this model. Only the default (1) value is supported.", p, "unsupported_value");
      }
    }
    if (json.get("max_tokens") != null) {
      throw unsupportedParameter("max_tokens", " Use 'max_completion_tokens' instead.");
    }
    boolean oSeries = !model.toLowerCase(Locale.ROOT).contains("gpt-");
    if (oSeries && json.get("verbosity") != null) {
      throw unsupportedParameter("verbosity", "");
    }
    Object effort = json.get("reasoning_effort");
    if (effort != null && !efforts(model).contains(String.valueOf(effort))) {
      throw new Refusal(400, "Unsupported value: 'reasoning_effort' does not support '" + effort
          + "' with this model. Supported values are: " + String.join(", ", efforts(model)) + ".",
          "reasoning_effort", "unsupported_value");
    }
  }

  /**
   * The body with reasoning spent: reasoning tokens by effort come first out of {@code
   * max_completion_tokens}, the answer gets what is left (cut, {@code finish_reason: length}, when
   * it does not fit; empty when reasoning used everything).
   */
  static ChatCompletionBodies spend(EmulatedRequest r, String model, ChatCompletionBodies body) {
    if (!isReasoning(model) || body.usageMap() == null) {
      return body;
    }
    Map<String, Object> json = r.json();
    int reasoning = TOKENS.getOrDefault(String.valueOf(json.getOrDefault("reasoning_effort", "medium")), 2432);
    int prompt = ((Number) body.usageMap().get("prompt_tokens")).intValue();
    int answer = ((Number) body.usageMap().get("completion_tokens")).intValue();
    Integer bound = json.get("max_completion_tokens") instanceof Number n ? n.intValue() : null;
    if (bound != null && reasoning >= bound) {
      return body.withText("", "length").usage(prompt, bound, bound);
    }
    if (bound != null && reasoning + answer > bound && body.content() != null) {
      int keep = Math.min(body.content().length(), (bound - reasoning) * 4);
      return body.withText(body.content().substring(0, keep), "length").usage(prompt, bound, reasoning);
    }
    return body.usage(prompt, answer + reasoning, reasoning);
  }

  private static List<String> efforts(String model) {
    String id = model.toLowerCase(Locale.ROOT);
    if (id.contains("gpt-6")) {
      return List.of("none", "low", "medium", "high", "xhigh");
    }
    if (id.contains("gpt-5")) {
      return List.of("minimal", "low", "medium", "high");
    }
    return List.of("low", "medium", "high");
  }

  private static Refusal unsupportedParameter(String p, String advice) {
    return new Refusal(400, "Unsupported parameter: '" + p + "' is not supported with this model."
        + advice, p, "unsupported_parameter");
  }

  private static String plain(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
