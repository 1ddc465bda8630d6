package dev.reve.openai.chat;

import com.squareup.moshi.Json;
import dev.reve.openai.call.ResponseMetadata;
import java.util.List;
import java.util.Optional;

/**
 * A chat completion and the metadata of the exchange that produced it.
 *
 * @param id completion id
 * @param created creation time, Unix seconds (0 when absent)
 * @param model the model that answered
 * @param choices the generated choices (usually one)
 * @param usage token usage, when the server reported it
 * @param systemFingerprint backend configuration fingerprint
 * @param serviceTier the tier that served the request
 * @param responseMetadata set by the client from the HTTP exchange, never read from the body
 */
public record ChatCompletion(
    String id,
    Long created,
    String model,
    List<Choice> choices,
    Optional<Usage> usage,
    @Json(name = "system_fingerprint") Optional<String> systemFingerprint,
    @Json(name = "service_tier") Optional<String> serviceTier,
    @Json(name = "x-reve-response-metadata") ResponseMetadata responseMetadata) {

  /** Normalises absent values. */
  public ChatCompletion {
    id = id == null ? "" : id;
    created = created == null ? 0L : created;
    model = model == null ? "" : model;
    responseMetadata = responseMetadata == null ? ResponseMetadata.NONE : responseMetadata;
  }

  /** A copy carrying the exchange's metadata. */
  public ChatCompletion withResponseMetadata(ResponseMetadata metadata) {
    return new ChatCompletion(
        id, created, model, choices, usage, systemFingerprint, serviceTier, metadata);
  }

  /** The first choice, if the server sent any. */
  public Optional<Choice> firstChoice() {
    return choices.isEmpty() ? Optional.empty() : Optional.of(choices.get(0));
  }

  /** The text of the first choice, if it has text (a refusal has none). */
  public Optional<String> text() {
    return firstChoice().flatMap(c -> c.message().content());
  }

  /** The finish reason of the first choice. */
  public FinishReason finishReason() {
    return firstChoice().map(Choice::finish).orElse(FinishReason.NONE);
  }

  /** The request id of the exchange, if the server sent one. */
  public Optional<String> requestId() {
    return responseMetadata.requestId();
  }

  /**
   * One generated choice.
   *
   * @param index position among the choices
   * @param message the assistant's message
   * @param finishReason the raw finish reason, see {@link #finish()}
   */
  public record Choice(
      Integer index,
      AssistantMessage message,
      @Json(name = "finish_reason") Optional<String> finishReason) {
    /** Normalises absent values. */
    public Choice {
      index = index == null ? 0 : index;
      message = message == null ? AssistantMessage.EMPTY : message;
    }

    /** The finish reason as an enum; unknown values read as {@link FinishReason#UNKNOWN}. */
    public FinishReason finish() {
      return FinishReason.of(finishReason.orElse(null));
    }
  }

  /**
   * The assistant's message.
   *
   * @param role normally {@code assistant}
   * @param content the text, absent for a refusal
   * @param refusal the model's refusal message, if it refused
   */
  public record AssistantMessage(
      Optional<String> role, Optional<String> content, Optional<String> refusal) {
    /** A message with nothing in it. */
    public static final AssistantMessage EMPTY =
        new AssistantMessage(Optional.empty(), Optional.empty(), Optional.empty());

    /** Normalises absent values. */
    public AssistantMessage {
      refusal = refusal == null ? Optional.empty() : refusal.filter(r -> !r.isBlank());
    }
  }
}
