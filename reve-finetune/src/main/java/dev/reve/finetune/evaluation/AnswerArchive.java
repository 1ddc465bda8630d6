package dev.reve.finetune.evaluation;

import com.squareup.moshi.JsonAdapter;
import dev.reve.openai.spi.Json;
import dev.reve.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A candidate's answers kept for later ({@code reve compare --record}): the exact model ids sent
 * and served, when each answer came, the sampling options and a hash of each prompt, so that the
 * answers can be compared with another model's after this one is gone ({@link
 * Candidate#recorded}).
 *
 * @param format {@value #FORMAT}
 * @param recordedAt when the archive was written (ISO-8601 instant)
 * @param candidate the candidate's label when recorded
 * @param requestedModels analyst id → the model id sent
 * @param servedModels the model ids the server reported
 * @param settings the sampling options and the number of samples
 * @param answers the answers
 */
public record AnswerArchive(
    String format,
    String recordedAt,
    String candidate,
    Map<String, String> requestedModels,
    List<String> servedModels,
    Map<String, Object> settings,
    List<Answer> answers) {

  /** The format tag of this version. */
  public static final String FORMAT = "reve-answer-archive-1";

  private static final JsonAdapter<AnswerArchive> ADAPTER = Json.MOSHI.adapter(AnswerArchive.class);

  /** Copies the collections. */
  public AnswerArchive {
    Objects.requireNonNull(format, "format");
    requestedModels = Map.copyOf(requestedModels);
    servedModels = List.copyOf(servedModels);
    settings = Map.copyOf(settings);
    answers = List.copyOf(answers);
  }

  /** Writes the archive atomically and readable by the owner only. */
  public void write(Path file) {
    AtomicFiles.writeOwnerOnly(file, ADAPTER.indent("  ").toJson(this).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads an archive.
   *
   * @throws InvalidEvalDreamsException when the file is missing, is not an archive of this format,
   *     or lacks its answers
   */
  public static AnswerArchive read(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidEvalDreamsException("answer archive " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidEvalDreamsException("cannot read answer archive " + file + ": " + e.getMessage(), e);
    }
    AnswerArchive archive;
    try {
      archive = ADAPTER.fromJson(json);
    } catch (IOException | RuntimeException e) {
      throw new InvalidEvalDreamsException("answer archive " + file + " is not valid: " + e.getMessage(), e);
    }
    if (archive == null || !FORMAT.equals(archive.format())) {
      throw new InvalidEvalDreamsException("answer archive " + file + " is not in the format " + FORMAT
          + "; write one with reve compare --record");
    }
    return archive;
  }
}
