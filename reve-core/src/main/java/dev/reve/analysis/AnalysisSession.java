package dev.reve.analysis;

import dev.reve.openai.call.Cancellation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conversation between one analyst and the dreamer about one dream: the analyst's first answer
 * (which may ask for associations or context), then any number of replies, each answered with a
 * revised reading. Start one with {@link DreamAnalyst#session(Dream)}, or pick one up from a
 * stored transcript with {@link DreamAnalyst#resume(SessionTranscript)}.
 *
 * <pre>{@code
 * AnalysisSession session = analysts.analyst("freud").session(dream);
 * SessionTurn first = session.begin();              // may ask what the images bring to mind
 * SessionTurn revised = session.reply("The garden was my aunt's; she died in March.");
 * store(session.transcript().toJson());             // a value: no key, resumable later
 * }</pre>
 *
 * <p>Every turn sends the messages {@link PromptBuilder#conversation} builds, the same builder
 * that renders multi-turn training examples: the system prompt, the dream, then the answers and
 * replies in order, within the {@link HistoryBudget}. Models and fallback behave as for a single
 * analysis; each turn records the model that answered. An incomplete answer (truncated, refused,
 * filtered) is not added: the turn throws {@link IncompleteAnalysisException} and the same reply
 * can be sent again. One turn at a time per session; sessions of several analysts on one dream
 * run in parallel.
 */
public final class AnalysisSession {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisSession.class);

  private final AnalysisEngine engine;
  private final AnalystProfile profile;
  private final SessionOptions options;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile SessionTranscript transcript;

  AnalysisSession(
      AnalysisEngine engine, AnalystProfile profile, SessionTranscript transcript, SessionOptions options) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.transcript = Objects.requireNonNull(transcript, "transcript");
    this.options = Objects.requireNonNull(options, "options");
    if (!transcript.analystId().equals(profile.id())) {
      throw new IllegalArgumentException("the transcript is a conversation with '"
          + transcript.analystId() + "', not '" + profile.id() + "'; resume it with that analyst");
    }
    engine.limits().check(transcript.dream());
  }

  /** The analyst's id. */
  public String analystId() {
    return profile.id();
  }

  /** The conversation so far, as a value that serialises to JSON. */
  public SessionTranscript transcript() {
    return transcript;
  }

  /** The turns so far. */
  public List<SessionTurn> turns() {
    return transcript.turns();
  }

  /** Whether the first answer has been given. */
  public boolean started() {
    return !transcript.turns().isEmpty();
  }

  /**
   * The analyst's first answer to the dream, blocking.
   *
   * @throws IllegalStateException when the session has already begun
   * @throws IncompleteAnalysisException when the answer is not whole (nothing is recorded)
   * @throws HistoryTooLongException when the dream alone is over the budget
   */
  public SessionTurn begin() {
    return turn(null, null, Cancellation.none());
  }

  /** {@link #begin()}, streaming the answer's text to {@code onText} as it arrives. */
  public SessionTurn begin(Consumer<String> onText) {
    return turn(null, Objects.requireNonNull(onText, "onText"), Cancellation.none());
  }

  /** {@link #begin()} without blocking; cancelling the future cancels the request. */
  public CompletableFuture<SessionTurn> beginAsync() {
    return engine.async(cancel -> turn(null, null, cancel));
  }

  /**
   * Sends the dreamer's reply and returns the analyst's revised reading, blocking.
   *
   * @throws IllegalStateException before {@link #begin()}, or while another turn is in flight
   * @throws IllegalArgumentException for a blank reply or one longer than the associations limit
   * @throws IncompleteAnalysisException when the answer is not whole (nothing is recorded)
   * @throws HistoryTooLongException when even the dream and the latest exchange are over budget
   */
  public SessionTurn reply(String text) {
    return turn(checkedReply(text), null, Cancellation.none());
  }

  /** {@link #reply(String)}, streaming the answer's text to {@code onText} as it arrives. */
  public SessionTurn reply(String text, Consumer<String> onText) {
    return turn(checkedReply(text), Objects.requireNonNull(onText, "onText"), Cancellation.none());
  }

  /** {@link #reply(String)} without blocking; cancelling the future cancels the request. */
  public CompletableFuture<SessionTurn> replyAsync(String text) {
    String reply = checkedReply(text);
    return engine.async(cancel -> turn(reply, null, cancel));
  }

  /** {@link #reply(String, Consumer)} without blocking. */
  public CompletableFuture<SessionTurn> replyAsync(String text, Consumer<String> onText) {
    String reply = checkedReply(text);
    Objects.requireNonNull(onText, "onText");
    return engine.async(cancel -> turn(reply, onText, cancel));
  }

  private String checkedReply(String text) {
    Objects.requireNonNull(text, "text");
    String reply = Dream.clean(text);
    if (reply.isEmpty()) {
      throw new IllegalArgumentException("the reply is blank; say something to the analyst");
    }
    int max = engine.limits().maxAssociations();
    if (reply.length() > max) {
      throw new InvalidDreamException("the reply has " + reply.length()
          + " characters, over the limit of " + max + " (DreamLimits.maxAssociations)");
    }
    return reply;
  }

  private SessionTurn turn(String reply, Consumer<String> onText, Cancellation cancel) {
    if (!busy.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "a turn of this session is still in flight; wait for it before sending the next");
    }
    try {
      SessionTranscript now = transcript;
      if (reply == null && !now.turns().isEmpty()) {
        throw new IllegalStateException("the session has begun; send the dreamer's reply with reply(text)");
      }
      if (reply != null && now.turns().isEmpty()) {
        throw new IllegalStateException("the session has not begun; call begin() for the first answer");
      }
      List<String> turns = new java.util.ArrayList<>(now.alternatingTurns());
      if (reply != null) {
        turns.add(reply);
      }
      HistoryBudget.Fit fit = options.budget().fit(profile, now.dream(), now.series(), turns);
      fit.leftOut().ifPresent(note -> LOG.warn("Session with '{}', turn {}: {}",
          profile.id(), now.turns().size() + 1, note));
      Instant started = options.clock().instant();
      Analysis analysis = engine.send(profile, fit.messages(), options.analysis(), onText, cancel);
      analysis.requireComplete();
      SessionTurn turn = new SessionTurn(now.turns().size() + 1, Optional.ofNullable(reply),
          analysis.text().strip(), analysis.model(), analysis.fineTuned(), analysis.fellBack(),
          analysis.finishReason(), analysis.usage(), started, options.clock().instant(), fit.leftOut());
      transcript = now.with(turn);
      return turn;
    } finally {
      busy.set(false);
    }
  }

  @Override
  public String toString() {
    return "AnalysisSession{" + profile.id() + ", turns=" + transcript.turns().size() + "}";
  }
}
