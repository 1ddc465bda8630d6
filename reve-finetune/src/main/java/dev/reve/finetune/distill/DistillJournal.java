package dev.reve.finetune.distill;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.reve.openai.spi.Json;
import dev.reve.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answers received so far, kept beside the distilled set and rewritten (atomically, owner
 * only) after every answer, so a rerun after a crash or Ctrl-C asks only for what is missing. The
 * journal belongs to one analyst, model, server host and prompt: a rerun with another of them is
 * refused rather than mixing two voices in one set.
 */
final class DistillJournal {
  private static final JsonAdapter<Object> ADAPTER = Json.MOSHI.adapter(Object.class).indent("  ");

  private final Path path;
  private final Clock clock;
  private State state;

  /**
   * The journal's content.
   *
   * @param format always {@value DistillJournal#FORMAT}
   * @param version the layout, {@value DistillJournal#VERSION}
   * @param analyst the analyst distilled
   * @param model the model that answered
   * @param baseUrlHost the host of the server that answered (never a key)
   * @param promptFingerprint {@link Distillation#promptFingerprint} of the analyst
   * @param startedAt when the first answer was asked for
   * @param updatedAt the last write
   * @param entries the answers per item key, each in turn order
   */
  record State(
      String format,
      int version,
      String analyst,
      String model,
      String baseUrlHost,
      String promptFingerprint,
      String startedAt,
      String updatedAt,
      Map<String, Entry> entries) {}

  /**
   * The answers to one item so far.
   *
   * @param id the item's id when it was asked, for a reader of the file
   * @param answers the answers, first turn first
   */
  record Entry(String id, List<String> answers) {}

  static final String FORMAT = "reve-distill-journal";
  static final int VERSION = 1;

  private DistillJournal(Path path, Clock clock, State state) {
    this.path = path;
    this.clock = clock;
    this.state = state;
  }

  /**
   * Opens the journal at {@code path}, or starts an empty one (not written until the first answer).
   *
   * @throws DistillationRefusedException when the file is unreadable or was written for another
   *     analyst, model, host or prompt
   */
  static DistillJournal open(
      Path path, Clock clock, String analyst, String model, String host, String fingerprint) {
    Objects.requireNonNull(path, "path");
    if (!Files.exists(path)) {
      String now = clock.instant().toString();
      return new DistillJournal(path, clock,
          new State(FORMAT, VERSION, analyst, model, host, fingerprint, now, now, new LinkedHashMap<>()));
    }
    State found;
    try {
      found = fromJson(ADAPTER.fromJson(Files.readString(path, StandardCharsets.UTF_8)));
    } catch (IOException | JsonDataException | ClassCastException e) {
      throw new DistillationRefusedException(path + " is not a readable distillation journal ("
          + e.getMessage() + "); it was left untouched: move it away to start the distillation again");
    }
    if (found.version() > VERSION) {
      throw new DistillationRefusedException(path + " was written by a newer Rêve (version "
          + found.version() + "); upgrade to resume it");
    }
    conflict(path, "analyst", found.analyst(), analyst);
    conflict(path, "model", found.model(), model);
    conflict(path, "server host", found.baseUrlHost(), host);
    conflict(path, "prompt fingerprint (the analyst's system prompt or the prompt builder changed)",
        found.promptFingerprint(), fingerprint);
    return new DistillJournal(path, clock, new State(found.format(), VERSION, found.analyst(), found.model(),
        found.baseUrlHost(), found.promptFingerprint(), found.startedAt(), found.updatedAt(),
        new LinkedHashMap<>(found.entries())));
  }

  private static Map<String, Object> toJson(State state) {
    Map<String, Object> entries = new LinkedHashMap<>();
    state.entries().forEach((key, entry) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("id", entry.id());
      one.put("answers", entry.answers());
      entries.put(key, one);
    });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", state.format());
    doc.put("version", state.version());
    doc.put("analyst", state.analyst());
    doc.put("model", state.model());
    doc.put("base_url_host", state.baseUrlHost());
    doc.put("prompt_fingerprint", state.promptFingerprint());
    doc.put("started_at", state.startedAt());
    doc.put("updated_at", state.updatedAt());
    doc.put("entries", entries);
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static State fromJson(Object json) {
    if (!(json instanceof Map<?, ?> doc) || !FORMAT.equals(doc.get("format"))
        || !(doc.get("entries") instanceof Map<?, ?> entries)) {
      throw new JsonDataException("not a " + FORMAT + " document");
    }
    Map<String, Entry> read = new LinkedHashMap<>();
    entries.forEach((key, value) -> {
      Map<String, Object> one = (Map<String, Object>) value;
      List<String> answers = List.copyOf((List<String>) one.get("answers"));
      read.put((String) key, new Entry((String) one.get("id"), answers));
    });
    Object version = doc.get("version");
    return new State(FORMAT, version instanceof Number n ? n.intValue() : 0, (String) doc.get("analyst"),
        (String) doc.get("model"), (String) doc.get("base_url_host"), (String) doc.get("prompt_fingerprint"),
        (String) doc.get("started_at"), (String) doc.get("updated_at"), read);
  }

  private static void conflict(Path path, String what, String recorded, String now) {
    if (!Objects.equals(recorded, now)) {
      throw new DistillationRefusedException(path + " holds answers for " + what + " '" + recorded
          + "', but this run is for '" + now + "'. One set must come from one voice: restore the"
          + " setting to resume, or write to another --out (or remove the journal) to start again");
    }
  }

  Path path() {
    return path;
  }

  /** When the first answer of the journal was asked for. */
  synchronized String startedAt() {
    return state.startedAt();
  }

  /** The answers recorded for an item, possibly fewer than it needs; empty when none. */
  synchronized List<String> answers(DistillItem item) {
    return Optional.ofNullable(state.entries().get(item.key())).map(Entry::answers).orElse(List.of());
  }

  /** Records one more answer of {@code item} (turn {@code turn}, from 1) and writes the file. */
  synchronized void record(DistillItem item, int turn, String answer) {
    List<String> before = answers(item);
    if (before.size() != turn - 1) {
      throw new IllegalStateException("answer " + turn + " of " + item.id() + " after " + before.size() + " answers");
    }
    List<String> after = new java.util.ArrayList<>(before);
    after.add(answer);
    Map<String, Entry> entries = new LinkedHashMap<>(state.entries());
    entries.put(item.key(), new Entry(item.id(), List.copyOf(after)));
    save(entries);
  }

  /**
   * Records the first answers of items that have none yet, in one write (a batch's results, which
   * stay on disk until then, so a crash before the write only means collecting them again).
   */
  synchronized void recordFirst(Map<DistillItem, String> answers) {
    if (answers.isEmpty()) {
      return;
    }
    Map<String, Entry> entries = new LinkedHashMap<>(state.entries());
    answers.forEach((item, answer) -> entries.putIfAbsent(item.key(), new Entry(item.id(), List.of(answer))));
    save(entries);
  }

  private void save(Map<String, Entry> entries) {
    state = new State(state.format(), state.version(), state.analyst(), state.model(), state.baseUrlHost(),
        state.promptFingerprint(), state.startedAt(), clock.instant().toString(), entries);
    try {
      AtomicFiles.writeOwnerOnly(path, (ADAPTER.toJson(toJson(state)) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("Cannot write the distillation journal " + path + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }
}
