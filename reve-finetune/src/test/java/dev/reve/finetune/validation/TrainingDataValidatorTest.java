package dev.reve.finetune.validation;

import static dev.reve.finetune.validation.TrainingFiles.example;
import static dev.reve.finetune.validation.TrainingFiles.examples;
import static dev.reve.finetune.validation.TrainingFiles.withLine;
import static dev.reve.finetune.validation.TrainingFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataValidatorTest {
  private static final TrainingDataValidator VALIDATOR = new TrainingDataValidator();

  @TempDir Path dir;

  private ValidationReport validate(List<String> lines) {
    return VALIDATOR.validate(write(dir, lines), ValidationOptions.defaults());
  }

  private static List<Long> lines(ValidationReport report, ProblemCode code) {
    return report.problems(code).stream().map(Problem::line).toList();
  }

  @Test
  void fiftyWellFormedExamplesHaveNoProblems() {
    ValidationReport report = validate(examples(50));

    assertThat(report.problems()).isEmpty();
    assertThat(report.hasErrors()).isFalse();
    assertThat(report.examples()).isEqualTo(50);
    assertThat(report.requireValid()).isSameAs(report);
    assertThat(report.summary()).contains("50 examples, 0 errors, 0 warnings - ready to upload");
  }

  @Test
  void fiveExamplesAreRejectedAsOpenAiWould() {
    ValidationReport report = validate(examples(5));

    assertThat(report.errors()).extracting(Problem::code).containsExactly(ProblemCode.TOO_FEW_EXAMPLES);
    assertThat(report.errors().get(0).line()).isZero();
    assertThat(report.errors().get(0).message()).contains("5 examples", "at least 10");
  }

  @Test
  void tenToFortyNineExamplesOnlyWarn() {
    ValidationReport ten = validate(examples(10));
    ValidationReport nine = validate(examples(9));
    ValidationReport fortyNine = validate(examples(49));

    assertThat(ten.hasErrors()).isFalse();
    assertThat(ten.warnings()).extracting(Problem::code).containsExactly(ProblemCode.FEW_EXAMPLES);
    assertThat(fortyNine.warnings()).extracting(Problem::code).containsExactly(ProblemCode.FEW_EXAMPLES);
    assertThat(nine.errors()).extracting(Problem::code).containsExactly(ProblemCode.TOO_FEW_EXAMPLES);
  }

  @Test
  void invalidJsonIsReportedOnItsLine() {
    List<String> lines = withLine(50, 3, "{\"messages\": [");
    lines.set(7, example(8) + " {}");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.INVALID_JSON)).containsExactly(3L, 8L);
    assertThat(report.problems(ProblemCode.INVALID_JSON).get(1).message()).contains("more than one JSON value");
    assertThat(report.problems(ProblemCode.INVALID_JSON).get(0).message())
        .doesNotContain("setLenient");
  }

  @Test
  void duplicateKeysAreInvalidJson() {
    ValidationReport report =
        validate(withLine(50, 2, "{\"messages\":[{\"role\":\"user\",\"role\":\"assistant\",\"content\":\"x\"}]}"));

    assertThat(lines(report, ProblemCode.INVALID_JSON)).containsExactly(2L);
  }

  @Test
  void aLineMustBeAnObjectWithMessages() {
    List<String> lines = examples(50);
    lines.set(1, "[1, 2]");
    lines.set(3, "{\"prompt\": \"x\", \"completion\": \"y\"}");
    lines.set(5, "{\"messages\": []}");
    lines.set(7, "{\"messages\": \"hello\"}");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.NOT_AN_OBJECT)).containsExactly(2L);
    assertThat(lines(report, ProblemCode.MISSING_MESSAGES)).containsExactly(4L, 6L, 8L);
    assertThat(lines(report, ProblemCode.UNKNOWN_KEY)).containsExactly(4L, 4L);
    assertThat(report.problems(ProblemCode.UNKNOWN_KEY)).allMatch(p -> p.severity() == Severity.WARNING);
  }

  @Test
  void rolesMustBeThoseOfTheChatFineTuningFormat() {
    List<String> lines = examples(50);
    lines.set(1, "{\"messages\":[{\"role\":\"bot\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(2, "{\"messages\":[{\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(3, "{\"messages\":[\"hello\",{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(4, "{\"messages\":[{\"role\":\"developer\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\"}]}");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.BAD_ROLE)).containsExactly(2L, 3L);
    assertThat(report.problems(ProblemCode.BAD_ROLE).get(0).message()).contains("'bot'", "system, user, assistant");
    assertThat(lines(report, ProblemCode.BAD_MESSAGE)).containsExactly(4L);
    assertThat(lines(report, ProblemCode.DEVELOPER_ROLE)).containsExactly(5L);
    assertThat(report.problems(ProblemCode.DEVELOPER_ROLE).get(0).isError()).isFalse();
  }

  @Test
  void messageKeysMustBeTheRolesOwn() {
    ValidationReport report =
        validate(
            withLine(50, 6,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"mood\":\"sad\"},"
                    + "{\"role\":\"assistant\",\"content\":\"y\"}]}"));

    assertThat(report.errors()).extracting(Problem::code, Problem::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ProblemCode.UNKNOWN_KEY, 6L));
    assertThat(report.errors().get(0).message()).contains("'mood'", "content, name, role");
  }

  @Test
  void contentMustBePresentAndNonBlankUnlessTheAssistantCallsATool() {
    List<String> lines = examples(50);
    lines.set(0, "{\"messages\":[{\"role\":\"user\"},{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(1, "{\"messages\":[{\"role\":\"user\",\"content\":\"  \"},{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(2, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":null}]}");
    lines.set(3, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":null,"
        + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"42\"},{\"role\":\"assistant\",\"content\":\"It is 42.\"}]}");
    lines.set(4, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{}}]},"
        + "{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(5, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.invalid/a.png\"}}]},"
        + "{\"role\":\"assistant\",\"content\":\"y\"}]}");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.MISSING_CONTENT)).containsExactly(1L, 2L, 3L);
    assertThat(lines(report, ProblemCode.BAD_CONTENT)).containsExactly(5L);
    assertThat(report.problems(ProblemCode.BAD_CONTENT).get(0).message()).contains("audio and file inputs are not supported");
    assertThat(lines(report, ProblemCode.UNCOUNTED_IMAGE)).containsExactly(6L);
    assertThat(report.problems()).noneMatch(p -> p.line() == 4);
  }

  @Test
  void toolAndFunctionMessagesNeedTheirFields() {
    List<String> lines = examples(50);
    lines.set(9, "{\"messages\":[{\"role\":\"tool\",\"content\":\"42\"},{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(10, "{\"messages\":[{\"role\":\"function\",\"content\":\"42\"},{\"role\":\"assistant\",\"content\":\"y\"}]}");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.BAD_FIELD)).containsExactly(10L, 11L);
    assertThat(report.problems(ProblemCode.BAD_FIELD).get(0).message()).contains("tool_call_id");
  }

  @Test
  void everyExampleNeedsAnAssistantMessageToLearn() {
    List<String> lines = examples(50);
    lines.set(11, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    lines.set(12, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\",\"weight\":0}]}");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.NO_ASSISTANT)).containsExactly(12L);
    assertThat(lines(report, ProblemCode.NOTHING_TO_LEARN)).containsExactly(13L);
  }

  @Test
  void weightIsZeroOrOneAndOnlyOnAssistantMessages() {
    List<String> lines = examples(50);
    lines.set(19, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\",\"weight\":2}]}");
    lines.set(20, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\",\"weight\":\"1\"}]}");
    lines.set(21, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"weight\":1},{\"role\":\"assistant\",\"content\":\"y\"}]}");
    lines.set(22, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"a\",\"weight\":0},"
        + "{\"role\":\"user\",\"content\":\"more\"},{\"role\":\"assistant\",\"content\":\"b\",\"weight\":1}]}");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.BAD_WEIGHT)).containsExactly(20L, 21L, 22L);
    assertThat(report.problems(ProblemCode.BAD_WEIGHT).get(2).message()).contains("only on assistant messages");
    assertThat(report.problems()).noneMatch(p -> p.line() == 23);
  }

  @Test
  void invalidUtf8IsReportedWithItsLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> lines = examples(50);
    for (int i = 0; i < lines.size(); i++) {
      bytes.write(lines.get(i).getBytes(StandardCharsets.UTF_8));
      if (i == 3) {
        bytes.write(new byte[] {' ', (byte) 0xC3, (byte) 0x28});
      }
      bytes.write('\n');
    }

    ValidationReport report =
        VALIDATOR.validate(TrainingFiles.writeBytes(dir, bytes.toByteArray()), ValidationOptions.defaults());

    assertThat(report.errors()).extracting(Problem::code).containsExactly(ProblemCode.INVALID_UTF8);
    assertThat(report.errors().get(0).line()).isEqualTo(4);
    assertThat(report.examples()).isEqualTo(50);
  }

  @Test
  void aByteOrderMarkIsAnErrorAndTheRestIsStillChecked() {
    byte[] body = (String.join("\n", withLine(50, 7, "{")) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);

    ValidationReport report = VALIDATOR.validate(TrainingFiles.writeBytes(dir, withBom), ValidationOptions.defaults());

    assertThat(report.errors()).extracting(Problem::code, Problem::line).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ProblemCode.BOM, 1L),
        org.assertj.core.groups.Tuple.tuple(ProblemCode.INVALID_JSON, 7L));
  }

  @Test
  void crlfLineEndingsAreOneWarningNamingTheFirstLine() {
    String text = String.join("\n", examples(50).subList(0, 4)) + "\r\n"
        + String.join("\r\n", examples(50).subList(4, 50)) + "\r\n";

    ValidationReport report =
        VALIDATOR.validate(TrainingFiles.writeBytes(dir, text.getBytes(StandardCharsets.UTF_8)), ValidationOptions.defaults());

    assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.CRLF);
    assertThat(report.problems().get(0).line()).isEqualTo(4);
    assertThat(report.problems().get(0).message()).contains("47 lines end with CR LF", "LF line endings");
    assertThat(report.tokens().perExample()).hasSize(50);
  }

  @Test
  void blankLinesAreWarnedAndNotCountedAsExamples() {
    List<String> lines = new ArrayList<>(examples(50));
    lines.add(10, "");
    lines.add("   ");

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.BLANK_LINE)).containsExactly(11L, 52L);
    assertThat(report.examples()).isEqualTo(50);
    assertThat(report.hasErrors()).isFalse();
  }

  @Test
  void duplicatesNameTheFirstOccurrence() {
    List<String> lines = withLine(50, 30, example(4));

    ValidationReport report = validate(lines);

    assertThat(lines(report, ProblemCode.DUPLICATE)).containsExactly(30L);
    assertThat(report.problems(ProblemCode.DUPLICATE).get(0).message()).contains("line 4");
  }

  @Test
  void examplesOverTheModelsLimitAreErrors() {
    List<String> lines = withLine(50, 17,
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\""
            + "word ".repeat(40) + "\"}]}");

    ValidationReport report =
        VALIDATOR.validate(write(dir, lines), ValidationOptions.builder().maxTokensPerExample(30).build());

    assertThat(lines(report, ProblemCode.TOO_MANY_TOKENS)).containsExactly(17L);
    assertThat(report.tokens().maxLine()).isEqualTo(17);
    assertThat(report.tokens().limit()).isEqualTo(30);
    assertThat(report.problems(ProblemCode.TOO_MANY_TOKENS).get(0).message()).contains("53 tokens", "30 allowed per example");
  }

  @Test
  void theDefaultLimitIsTheModels() {
    assertThat(ValidationOptions.builder().baseModel("gpt-4o-mini").build().tokenLimit()).isEqualTo(65_536);
    assertThat(ValidationOptions.builder().baseModel("my-model").build().tokenLimit())
        .isEqualTo(PriceTable.DEFAULT_MAX_TOKENS_PER_EXAMPLE);
    assertThat(ValidationOptions.builder().maxTokensPerExample(4096).build().tokenLimit()).isEqualTo(4096);
  }

  @Test
  void requireValidThrowsATypedExceptionListingTheErrorsByLine() {
    ValidationReport report = validate(withLine(50, 3, "not json"));

    assertThatThrownBy(report::requireValid)
        .isInstanceOf(InvalidTrainingFileException.class)
        .hasMessageContaining("must not be uploaded")
        .hasMessageContaining("line 3: ERROR INVALID_JSON")
        .satisfies(e -> assertThat(((InvalidTrainingFileException) e).report()).isSameAs(report));
  }

  @Test
  void theExceptionListsOnlyTheFirstErrors() {
    List<String> lines = examples(50);
    for (int i = 0; i < 15; i++) {
      lines.set(i, "x" + i);
    }

    ValidationReport report = validate(lines);

    assertThatThrownBy(report::requireValid)
        .hasMessageContaining("line 10:")
        .hasMessageNotContaining("line 11:")
        .hasMessageContaining("... and 5 more");
  }

  @Test
  void aMissingFileIsAnUnreadableErrorNotAnException() {
    ValidationReport report = VALIDATOR.validate(dir.resolve("nope.jsonl"), ValidationOptions.defaults());

    assertThat(report.errors()).extracting(Problem::code).containsExactly(ProblemCode.UNREADABLE);
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void keepsAtMostMaxProblemsButCountsThemAll() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add("broken " + i);
    }

    ValidationReport report =
        VALIDATOR.validate(write(dir, lines), ValidationOptions.builder().maxProblems(5).build());

    assertThat(report.errors()).hasSize(5);
    assertThat(report.errorCount()).isEqualTo(60);
    assertThat(report.omittedProblems()).isEqualTo(55);
    assertThat(report.summary()).contains("60 errors", "... and 55 more");
  }

  @Test
  void anUnknownModelHasNoCostAndSaysSo() {
    ValidationReport report =
        VALIDATOR.validate(write(dir, examples(50)), ValidationOptions.builder().baseModel("llama-3-8b").build());

    assertThat(report.cost()).isEmpty();
    assertThat(report.warnings()).extracting(Problem::code).containsExactly(ProblemCode.UNKNOWN_MODEL);
    assertThat(report.summary()).contains("cost: unknown");
    assertThat(report.hasErrors()).isFalse();
  }

  @Test
  void aLineLongerThanTheReaderAcceptsIsReportedWithoutHoldingIt() {
    StringBuilder huge = new StringBuilder(TrainingDataValidator.MAX_LINE_BYTES + 10);
    huge.append("{\"messages\":[{\"role\":\"user\",\"content\":\"");
    huge.append("a".repeat(TrainingDataValidator.MAX_LINE_BYTES));
    huge.append("\"}]}");
    List<String> lines = withLine(50, 2, huge.toString());

    ValidationReport report = validate(lines);

    assertThat(report.errors()).extracting(Problem::code, Problem::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ProblemCode.LINE_TOO_LONG, 2L));
    assertThat(report.examples()).isEqualTo(50);
  }
}
