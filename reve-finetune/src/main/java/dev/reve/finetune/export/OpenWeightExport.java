package dev.reve.finetune.export;

import com.squareup.moshi.JsonDataException;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationReport;
import dev.reve.openai.spi.Json;
import dev.reve.storage.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the analysts' training and validation data for an open-weight trainer, with its
 * configuration ({@link ExportConfigs}), the command that trains and the vLLM command that serves
 * the adapter. Chat {@code messages} go over as they are; OpenAI-only fields are dropped and
 * reported: {@code weight} on assistant messages (these trainers learn every assistant turn),
 * {@code tools} and {@code parallel_tool_calls} on an example. The written data is checked with
 * {@link TrainingDataValidator}, so what the trainer reads is what this SDK would have uploaded.
 *
 * <pre>{@code
 * List<ExportedAnalyst> done = OpenWeightExport.write(
 *     List.of(AnalystDataset.of("jung", Path.of("training-data/jung-examples.jsonl"))),
 *     ExportOptions.of(ExportFormat.AXOLOTL), Path.of("export"));
 * }</pre>
 */
public final class OpenWeightExport {
  private static final List<String> DROPPED_EXAMPLE_FIELDS = List.of("tools", "parallel_tool_calls", "functions");

  private OpenWeightExport() {}

  /**
   * Exports every dataset into {@code outDir/<analyst>/}, plus {@code outDir/README.md} with the
   * commands and the models-file lines that send each analyst to the vLLM server.
   *
   * @throws InvalidExportException when an input line is not a JSON object with {@code messages}
   *     (naming the file and line) or the exported data fails the validator
   */
  public static List<ExportedAnalyst> write(List<AnalystDataset> datasets, ExportOptions options, Path outDir) {
    Objects.requireNonNull(datasets, "datasets");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(outDir, "outDir");
    List<ExportedAnalyst> done = new ArrayList<>();
    for (AnalystDataset dataset : datasets) {
      done.add(writeOne(dataset, options, outDir.resolve(dataset.analyst())));
    }
    AtomicFiles.write(outDir.resolve("README.md"),
        ExportConfigs.readme(done, options).getBytes(StandardCharsets.UTF_8));
    return done;
  }

  private static ExportedAnalyst writeOne(AnalystDataset dataset, ExportOptions options, Path dir) {
    String analyst = dataset.analyst();
    List<String> notes = new ArrayList<>();
    Path train = dir.resolve("train.jsonl");
    long examples = convert(dataset.trainingFile(), train, notes);
    Optional<Path> validation = dataset.validationFile().map(v -> {
      Path out = dir.resolve("validation.jsonl");
      convert(v, out, notes);
      return out;
    });
    check(train);
    validation.ifPresent(OpenWeightExport::check);
    Path config = dir.resolve(options.format().configName());
    AtomicFiles.write(config, ExportConfigs.config(analyst, options, validation.isPresent())
        .getBytes(StandardCharsets.UTF_8));
    return new ExportedAnalyst(analyst, train, validation, config,
        ExportConfigs.trainCommand(analyst, options), ExportConfigs.serveCommand(analyst, options),
        examples, notes);
  }

  private static void check(Path file) {
    ValidationReport report = new TrainingDataValidator().validate(file);
    if (report.hasErrors()) {
      throw new InvalidExportException("The exported " + file + " fails the training-data check: "
          + report.summary() + ". Fix the source file (reve finetune validate) and export again");
    }
  }

  /** Copies {@code in} to {@code out} line by line, keeping {@code messages} and noting drops. */
  private static long convert(Path in, Path out, List<String> notes) {
    long examples = 0;
    long weights = 0;
    Map<String, Long> dropped = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
        AtomicFiles.Replacement target = AtomicFiles.begin(out)) {
      OutputStream stream = target.stream();
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> example = parse(in, number, line);
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : example.entrySet()) {
          if (DROPPED_EXAMPLE_FIELDS.contains(field.getKey())) {
            dropped.merge(field.getKey(), 1L, Long::sum);
          } else if (field.getKey().equals("messages")) {
            List<Object> messages = new ArrayList<>();
            for (Object m : (List<?>) field.getValue()) {
              if (m instanceof Map<?, ?> message && message.containsKey("weight")) {
                Map<Object, Object> copy = new LinkedHashMap<>(message);
                copy.remove("weight");
                weights++;
                messages.add(copy);
              } else {
                messages.add(m);
              }
            }
            kept.put("messages", messages);
          } else {
            kept.put(field.getKey(), field.getValue());
          }
        }
        stream.write((Json.MOSHI.adapter(Object.class).toJson(kept) + "\n").getBytes(StandardCharsets.UTF_8));
        examples++;
      }
      target.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot export " + in + " to " + out + ": " + e.getMessage(), e);
    }
    String name = in.getFileName().toString();
    if (weights > 0) {
      notes.add(name + ": dropped 'weight' from " + weights + " assistant message(s); the open-weight"
          + " trainers learn every assistant turn (remove turns you do not want learnt)");
    }
    dropped.forEach((field, count) -> notes.add(name + ": dropped '" + field + "' from " + count
        + " example(s); tool definitions are OpenAI's, give them to the served model in the request instead"));
    return examples;
  }

  private static Map<String, Object> parse(Path file, long number, String line) {
    Map<String, Object> json;
    try {
      json = Json.MAP.fromJson(line);
    } catch (IOException | JsonDataException e) {
      throw new InvalidExportException(file + ":" + number + ": not a JSON object (" + e.getMessage()
          + "); check it with reve finetune validate");
    }
    if (json == null || !(json.get("messages") instanceof List<?>)) {
      throw new InvalidExportException(file + ":" + number + ": no 'messages' list; the export takes chat"
          + " examples ({\"messages\": [...]}), as reve finetune validate accepts them");
    }
    return json;
  }
}
