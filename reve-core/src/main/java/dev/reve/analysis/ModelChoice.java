package dev.reve.analysis;

import dev.reve.openai.call.AuthStyle;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model serves an analyst, on which endpoint, and why: the answer of a {@link ModelResolver}.
 *
 * @param analystId the analyst this choice is for
 * @param model the model id to send
 * @param source where the model came from
 * @param setting the exact setting that chose it, for messages ({@code OPENAI_JUNG_MODEL}, {@code
 *     /srv/reve-models.properties: jung.model}, ...)
 * @param baseUrl the analyst's own OpenAI-compatible endpoint; empty for the client's endpoint
 * @param apiKey the key for {@code baseUrl}; never printed. When empty, the main client's key is
 *     kept only if {@code baseUrl} has the same scheme, host and port as the main client
 * @param baseModel the model answering when the analyst's own model is gone (HTTP 404); served by
 *     the main client
 * @param baseModelSetting the setting that chose {@code baseModel}, named in error messages
 * @param authStyle how the key goes to {@code baseUrl} ({@code <id>.auth} in the models file);
 *     empty for the main client's style
 */
public record ModelChoice(
    String analystId,
    String model,
    ModelSource source,
    String setting,
    Optional<String> baseUrl,
    Optional<String> apiKey,
    String baseModel,
    String baseModelSetting,
    Optional<AuthStyle> authStyle) {

  /** Requires every part and non-blank model ids; normalises absent optionals. */
  public ModelChoice {
    if (Objects.requireNonNull(model, "model").isBlank()
        || Objects.requireNonNull(baseModel, "baseModel").isBlank()) {
      throw new IllegalArgumentException("model ids must not be blank (" + setting + ")");
    }
    Objects.requireNonNull(analystId, "analystId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(baseModelSetting, "baseModelSetting");
    baseUrl = baseUrl == null ? Optional.empty() : baseUrl.filter(s -> !s.isBlank());
    apiKey = apiKey == null ? Optional.empty() : apiKey.filter(s -> !s.isBlank());
    authStyle = authStyle == null ? Optional.empty() : authStyle;
  }

  /** A choice whose endpoint, if any, takes the main client's auth style. */
  public ModelChoice(
      String analystId,
      String model,
      ModelSource source,
      String setting,
      Optional<String> baseUrl,
      Optional<String> apiKey,
      String baseModel,
      String baseModelSetting) {
    this(analystId, model, source, setting, baseUrl, apiKey, baseModel, baseModelSetting, Optional.empty());
  }

  /** A choice of the base model on the client's own endpoint. */
  public static ModelChoice base(String analystId, String baseModel, String baseModelSetting) {
    return new ModelChoice(
        analystId,
        baseModel,
        ModelSource.BASE_MODEL,
        baseModelSetting,
        Optional.empty(),
        Optional.empty(),
        baseModel,
        baseModelSetting);
  }

  /**
   * Whether the model was configured for this analyst. Such a model is treated as a fine-tune: on
   * HTTP 404 the analyst falls back to {@link #baseModel()}.
   */
  public boolean configured() {
    return source != ModelSource.BASE_MODEL;
  }

  @Override
  public String toString() {
    return "ModelChoice{analyst="
        + analystId
        + ", model="
        + model
        + ", source="
        + source
        + " ("
        + setting
        + ")"
        + baseUrl.map(u -> ", baseUrl=" + u).orElse("")
        + (apiKey.isPresent() ? ", apiKey=[set]" : "")
        + authStyle.map(a -> ", auth=" + a.id()).orElse("")
        + ", baseModel="
        + baseModel
        + "}";
  }
}
