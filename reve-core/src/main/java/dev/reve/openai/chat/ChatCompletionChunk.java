package dev.reve.openai.chat;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Optional;

/**
 * One streamed piece of a chat completion.
 *
 * @param id completion id, the same in every chunk
 * @param created creation time, Unix seconds
 * @param model the model that answers
 * @param choices deltas per choice (empty in the final usage chunk)
 * @param usage token usage, in the final chunk when requested
 */
public record ChatCompletionChunk(
    String id, Long created, String model, List<ChunkChoice> choices, Optional<Usage> usage) {

  /** Normalises absent values. */
  public ChatCompletionChunk {
    id = id == null ? "" : id;
    created = created == null ? 0L : created;
    model = model == null ? "" : model;
  }

  /**
   * The delta of one choice.
   *
   * @param index which choice
   * @param delta the new text
   * @param finishReason set in the choice's last chunk
   */
  public record ChunkChoice(
      Integer index, Delta delta, @Json(name = "finish_reason") Optional<String> finishReason) {
    /** Normalises absent values. */
    public ChunkChoice {
      index = index == null ? 0 : index;
      delta = delta == null ? new Delta(null, null, null) : delta;
    }
  }

  /**
   * New content of a choice.
   *
   * @param role sent in the first chunk
   * @param content new text
   * @param refusal new refusal text
   */
  public record Delta(Optional<String> role, Optional<String> content, Optional<String> refusal) {
    /** Normalises absent values. */
    public Delta {
    }
  }
}
