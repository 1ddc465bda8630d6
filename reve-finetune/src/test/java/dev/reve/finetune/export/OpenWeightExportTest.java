package dev.reve.finetune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.support.RepoFiles;
import dev.reve.finetune.validation.Epochs;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.openai.spi.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenWeightExportTest {
  @TempDir Path dir;

  private static List<AnalystDataset> committed() {
    Path data = RepoFiles.trainingData();
    return List.of(
        AnalystDataset.of("jung", data.resolve("jung-examples.jsonl"), data.resolve("jung-validation.jsonl")),
        AnalystDataset.of("freud", data.resolve("freud-examples.jsonl"), data.resolve("freud-validation.jsonl")));
  }

  private static long lines(Path file) throws Exception {
    try (var stream = Files.lines(file)) {
      return stream.filter(l -> !l.isBlank()).count();
    }
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void theCommittedDataIsExportedAsItIsWithAReadyConfigAndPassesOurValidatorReadBack(ExportFormat format)
      throws Exception {
    ExportOptions options = ExportOptions.of(format).withEpochs(Epochs.of(4));
    List<ExportedAnalyst> done = OpenWeightExport.write(committed(), options, dir);

    assertThat(done).hasSize(2);
    for (ExportedAnalyst a : done) {
      AnalystDataset source = committed().stream().filter(d -> d.analyst().equals(a.analyst())).findFirst().orElseThrow();
      assertThat(lines(a.trainingFile())).isEqualTo(lines(source.trainingFile())).isEqualTo(a.examples());
      assertThat(lines(a.validationFile().orElseThrow())).isEqualTo(lines(source.validationFile().orElseThrow()));
      assertThat(new TrainingDataValidator().validate(a.trainingFile()).hasErrors()).isFalse();
      // read back: the same messages, line for line
      List<String> in = Files.readAllLines(source.trainingFile());
      List<String> out = Files.readAllLines(a.trainingFile());
      assertThat(Json.MAP.fromJson(out.get(0)).get("messages")).isEqualTo(Json.MAP.fromJson(in.get(0)).get("messages"));
      String config = Files.readString(a.configFile());
      assertThat(a.configFile().getFileName().toString()).isEqualTo(format.configName());
      assertThat(config).contains(ExportOptions.DEFAULT_BASE_MODEL).contains("4").contains("16").contains("32")
          .contains("train.jsonl").contains("validation.jsonl");
      assertThat(a.serveCommand()).startsWith("vllm serve " + ExportOptions.DEFAULT_BASE_MODEL)
          .contains("--enable-lora").contains(a.analyst() + "=");
      assertThat(a.notes()).isEmpty();
    }
    String readme = Files.readString(dir.resolve("README.md"));
    assertThat(readme).contains("jung.base-url=http://localhost:8000/v1/").contains(done.get(0).trainCommand());
    switch (format) {
      case TRL -> assertThat(Files.readString(done.get(0).configFile())).contains("num_train_epochs: 4", "use_peft: true");
      case AXOLOTL -> assertThat(Files.readString(done.get(0).configFile()))
          .contains("type: chat_template", "field_messages: messages", "num_epochs: 4", "adapter: lora");
      case UNSLOTH -> assertThat(Files.readString(done.get(0).configFile()))
          .contains("FastLanguageModel", "num_train_epochs=4", "r=16");
    }
  }

  @Test
  void openAiOnlyFieldsAreDroppedAndReportedAndTheResultStillValidates() throws Exception {
    List<String> source = Files.readAllLines(RepoFiles.trainingData().resolve("jung-examples.jsonl"));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < source.size(); i++) {
      Map<String, Object> example = Json.MAP.fromJson(source.get(i));
      if (i < 3) {
        example.put("tools", List.of(Map.of("type", "function", "function", Map.of("name", "lookup"))));
        List<Object> messages = new java.util.ArrayList<>((List<?>) example.get("messages"));
        Map<String, Object> last = new java.util.LinkedHashMap<>((Map<String, Object>) messages.get(messages.size() - 1));
        last.put("weight", 1);
        messages.set(messages.size() - 1, last);
        example.put("messages", messages);
      }
      text.append(Json.MAP.toJson(example)).append('\n');
    }
    Path in = dir.resolve("jung-weighted.jsonl");
    Files.writeString(in, text, StandardCharsets.UTF_8);

    ExportedAnalyst a = OpenWeightExport.write(List.of(AnalystDataset.of("jung", in)),
        ExportOptions.of(ExportFormat.TRL), dir.resolve("out")).get(0);

    assertThat(a.notes()).anyMatch(n -> n.contains("'weight' from 3")).anyMatch(n -> n.contains("'tools' from 3"));
    assertThat(Files.readString(a.trainingFile())).doesNotContain("\"weight\"").doesNotContain("\"tools\"");
    assertThat(a.validationFile()).isEmpty();
    assertThat(Files.readString(dir.resolve("out/README.md"))).contains("dropped 'weight'");
  }

  @Test
  void aBrokenLineIsRefusedWithItsFileAndLine() throws Exception {
    Path in = dir.resolve("bad.jsonl");
    Files.writeString(in, "{\"messages\": []}\n{not json\n");
    assertThatThrownBy(() -> OpenWeightExport.write(List.of(AnalystDataset.of("jung", in)),
        ExportOptions.of(ExportFormat.AXOLOTL), dir.resolve("out")))
        .isInstanceOf(InvalidExportException.class)
        .hasMessageContaining("bad.jsonl:2");
    assertThatThrownBy(() -> ExportFormat.of("gguf")).hasMessageContaining("trl, axolotl or unsloth");
  }
}
