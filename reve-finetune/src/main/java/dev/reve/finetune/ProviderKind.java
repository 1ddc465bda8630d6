package dev.reve.finetune;

import dev.reve.openai.call.AuthStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fine-tuning providers this SDK drives. Three speak OpenAI's {@code files} and {@code
 * fine_tuning/jobs} calls (OpenAI itself, Azure OpenAI's v1 API, and OpenAI-compatible trainers);
 * Together AI has its own paths, fields and statuses.
 */
public enum ProviderKind {
  /** OpenAI: {@code https://api.openai.com/v1/}, key in {@code OPENAI_API_KEY}. */
  OPENAI("openai", "OpenAI", "https://api.openai.com/v1/", "OPENAI_API_KEY", AuthStyle.BEARER),
  /**
   * Azure OpenAI's v1 API ({@code https://RESOURCE.openai.azure.com/openai/v1/}): OpenAI's paths,
   * the {@code api-key} header, and a deployment step before a trained model answers.
   */
  AZURE("azure", "Azure OpenAI", "", "AZURE_OPENAI_API_KEY", AuthStyle.API_KEY),
  /** Any trainer that accepts OpenAI's files and jobs calls as they are, at its own base URL. */
  OPENAI_COMPATIBLE("openai-compatible", "OpenAI-compatible", "", "FINETUNE_API_KEY", AuthStyle.BEARER),
  /** Together AI: {@code https://api.together.ai/v1/}, its own fine-tuning API. */
  TOGETHER("together", "Together AI", "https://api.together.ai/v1/", "TOGETHER_API_KEY", AuthStyle.BEARER);

  private final String id;
  private final String displayName;
  private final String defaultBaseUrl;
  private final String defaultKeyVariable;
  private final AuthStyle authStyle;

  ProviderKind(String id, String displayName, String defaultBaseUrl, String keyVariable, AuthStyle authStyle) {
    this.id = id;
    this.displayName = displayName;
    this.defaultBaseUrl = defaultBaseUrl;
    this.defaultKeyVariable = keyVariable;
    this.authStyle = authStyle;
  }

  /** The name used on the command line and in state files: {@code openai}, {@code together}. */
  public String id() {
    return id;
  }

  /** A name for people: {@code Azure OpenAI}. */
  public String displayName() {
    return displayName;
  }

  /** The provider's public base URL; empty where each user has their own (Azure, compatible). */
  public Optional<String> defaultBaseUrl() {
    return defaultBaseUrl.isEmpty() ? Optional.empty() : Optional.of(defaultBaseUrl);
  }

  /** The environment variable holding the key unless configured otherwise. */
  public String defaultKeyVariable() {
    return defaultKeyVariable;
  }

  /** How the key is sent. */
  public AuthStyle authStyle() {
    return authStyle;
  }

  /** Whether jobs keep the metadata this SDK attaches (Together's jobs have none). */
  public boolean jobsCarryMetadata() {
    return this != TOGETHER;
  }

  /**
   * Whether the API answers {@code GET models/{id}} for a trained model. Together AI's documents
   * only the list of its catalogue: a 404 there would say nothing about the model, so promotion
   * does not ask.
   */
  public boolean looksUpModels() {
    return this != TOGETHER;
  }

  /** Whether a trained model must be deployed before chat calls reach it (Azure). */
  public boolean needsDeployment() {
    return this == AZURE;
  }

  /**
   * The provider spelled {@code text} (its {@link #id()}, case ignored).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ProviderKind of(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (ProviderKind kind : values()) {
      if (kind.id.equals(t)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown fine-tuning provider '" + text + "'; use one of "
            + Arrays.stream(values()).map(ProviderKind::id).collect(Collectors.joining(", ")));
  }
}
