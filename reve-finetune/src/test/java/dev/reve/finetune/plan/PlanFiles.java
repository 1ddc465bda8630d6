package dev.reve.finetune.plan;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.Dream;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.finetune.training.TrainingFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Training files rendered through the analysts' own prompt, so they pass the skew check. */
final class PlanFiles {
  private PlanFiles() {}

  static Path write(Path file, AnalystProfile analyst, int count) throws IOException {
    List<TrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      examples.add(TrainingExample.of(analyst,
          Dream.builder("In dream " + i + " I crossed a bridge at night and a bell rang twice.")
              .title("Bridge " + i).build(),
          "Reading " + i + ": what does the bridge bring to mind, and what are you crossing now?"
              + " The bell that rings twice asks you to listen before you decide."));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    TrainingFileWriter.write(file, examples);
    return file;
  }
}
