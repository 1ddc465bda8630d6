package dev.reve.analysis;

import dev.reve.openai.chat.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The neutral first reading of a dream that the analysts build on: a summary, up to three themes,
 * up to three emotions and the key symbols, returned as JSON that follows a strict schema.
 *
 * @param summary a short retelling of the dream
 * @param themes up to three themes
 * @param emotions up to three emotions the dream carries
 * @param symbols the key images of the dream, as named in it
 * @param model the model that answered
 * @param fellBack whether the configured interpretation model was gone and the base model answered
 * @param usage token usage
 * @param requestId the {@code x-request-id} of the answering request
 * @param latency wall time, fallback included
 */
public record DreamInterpretation(
    String summary,
    List<String> themes,
    List<String> emotions,
    List<String> symbols,
    String model,
    boolean fellBack,
    Usage usage,
    Optional<String> requestId,
    Duration latency) {

  /** At most this many themes are kept. */
  public static final int MAX_THEMES = 3;

  /** At most this many emotions are kept. */
  public static final int MAX_EMOTIONS = 3;

  /** At most this many symbols are kept. */
  public static final int MAX_SYMBOLS = 6;

  /** Requires the summary; copies the lists. */
  public DreamInterpretation {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(model, "model");
    themes = List.copyOf(Objects.requireNonNull(themes, "themes"));
    emotions = List.copyOf(Objects.requireNonNull(emotions, "emotions"));
    symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
    usage = usage == null ? Usage.NONE : usage;
    requestId = requestId == null ? Optional.empty() : requestId;
    latency = latency == null ? Duration.ZERO : latency;
  }
}
