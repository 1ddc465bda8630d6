package dev.reve.finetune.evaluation;

import com.squareup.moshi.JsonAdapter;
import dev.reve.openai.spi.Json;
import dev.reve.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers and judgements kept on disk under a key that covers everything that shapes them (for an
 * answer: the dream, analyst, model, the exact messages and the options; for a judgement: the
 * rubric version, judge model and the answers judged), so an interrupted run continues where it
 * stopped and a rerun sends nothing. One small JSON file per entry, written atomically and
 * owner-only; an entry that cannot be read is treated as missing and asked again.
 */
public final class AnswerCache {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  private static final JsonAdapter<Answer> ANSWERS = Json.MOSHI.adapter(Answer.class);
  private static final JsonAdapter<Judgement> JUDGEMENTS = Json.MOSHI.adapter(Judgement.class);

  private final Path directory;

  /** A cache in {@code directory}, created when the first entry is written. */
  public AnswerCache(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** Where the entries live. */
  public Path directory() {
    return directory;
  }

  /** The cached answer under {@code key}, if any. */
  public Optional<Answer> answer(String key) {
    return read("a-", key).map(json -> parse(ANSWERS, json));
  }

  /** Caches a successful answer; failed calls are not cached. */
  public void putAnswer(String key, Answer answer) {
    if (!answer.failed()) {
      AtomicFiles.writeOwnerOnly(file("a-", key), ANSWERS.indent("  ").toJson(answer).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The cached judgement under {@code key}, if any. */
  public Optional<Judgement> judgement(String key) {
    return read("j-", key).map(json -> parse(JUDGEMENTS, json));
  }

  /** Caches a judgement the judge gave; a failed judge call is not cached. */
  public void putJudgement(String key, Judgement judgement) {
    if (judgement.error().isEmpty()) {
      AtomicFiles.writeOwnerOnly(file("j-", key), JUDGEMENTS.indent("  ").toJson(judgement).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Optional<String> read(String prefix, String key) {
    try {
      return Optional.of(Files.readString(file(prefix, key), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static <T> T parse(JsonAdapter<T> adapter, String json) {
    try {
      return adapter.fromJson(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private Path file(String prefix, String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("cache keys are SHA-256 hex digests, not " + key);
    }
    return directory.resolve(key.substring(0, 2)).resolve(prefix + key + ".json");
  }
}
