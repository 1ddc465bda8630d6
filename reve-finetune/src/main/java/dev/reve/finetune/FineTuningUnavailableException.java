package dev.reve.finetune;

import dev.reve.openai.error.ApiException;
import java.util.Objects;
import java.util.Optional;

/**
 * The service refused to fine-tune for this account, key or base model. OpenAI is winding down
 * self-serve fine-tuning and refuses new users; the way forward is to train the same JSONL with an
 * open-weight trainer and serve it from an OpenAI-compatible server (see docs/finetune.md).
 */
public final class FineTuningUnavailableException extends FineTuningException {
  private static final long serialVersionUID = 1L;

  /** Why fine-tuning was refused. */
  public enum Reason {
    /** The account or organisation may not fine-tune (new users are refused). */
    ACCOUNT,
    /** The API key lacks the permission or scope for fine-tuning. */
    KEY_PERMISSION,
    /** The chosen base model cannot be fine-tuned by this account. */
    BASE_MODEL
  }

  /** What to do when OpenAI will not fine-tune for the account at all. */
  public static final String OPEN_WEIGHT_ADVICE =
      "OpenAI is winding down self-serve fine-tuning and refuses new users. The training JSONL"
          + " is portable: train it with an open-weight trainer (for example a LoRA trainer for"
          + " Llama, Qwen or Mistral models), serve the result from an OpenAI-compatible server"
          + " (vLLM, Ollama, LM Studio), and set OPENAI_BASE_URL and OPENAI_<ANALYST>_MODEL to"
          + " use it; see docs/finetune.md";

  private final Reason reason;
  private final int statusCode;
  private final String apiMessage;

  /** Creates the exception from the API's refusal. */
  public FineTuningUnavailableException(Reason reason, ApiException cause) {
    super(describe(reason, cause), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.statusCode = cause.statusCode();
    this.apiMessage = cause.apiMessage().orElse(null);
  }

  private static String describe(Reason reason, ApiException cause) {
    String said = cause.apiMessage().map(m -> " (the server said: " + m + ")").orElse("");
    String requestId = cause.requestId().map(id -> " [request id " + id + "]").orElse("");
    return switch (reason) {
      case ACCOUNT ->
          "Fine-tuning is not available to this account: HTTP " + cause.statusCode() + said
              + requestId + ". " + OPEN_WEIGHT_ADVICE;
      case KEY_PERMISSION ->
          "This API key may not use fine-tuning: HTTP " + cause.statusCode() + said + requestId
              + ". Use a key with the fine-tuning permission (a project key with 'Fine-tuning'"
              + " write access, or an unrestricted key). If the account itself is refused: "
              + OPEN_WEIGHT_ADVICE;
      case BASE_MODEL ->
          "The base model cannot be fine-tuned by this account: HTTP " + cause.statusCode() + said
              + requestId + ". Choose a model listed as fine-tunable in OpenAI's fine-tuning guide"
              + " (for example a dated gpt-4o-mini or gpt-4.1-mini snapshot), or: "
              + OPEN_WEIGHT_ADVICE;
    };
  }

  /** Why fine-tuning was refused. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status of the refusal. */
  public int statusCode() {
    return statusCode;
  }

  /** The server's own message. */
  public Optional<String> apiMessage() {
    return Optional.ofNullable(apiMessage);
  }
}
