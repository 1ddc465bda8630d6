package dev.reve.finetune.validation;

import static dev.reve.finetune.validation.TrainingFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.openai.chat.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkewAndFidelityTest {
  private static final TrainingDataValidator VALIDATOR = new TrainingDataValidator();
  private static final AnalystProfile JUNG = BuiltInAnalysts.JUNG;
  private static final AnalystProfile FREUD = BuiltInAnalysts.FREUD;

  @TempDir Path dir;

  private static List<String> rendered(AnalystProfile analyst, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Dream dream = Dream.builder("I walked through house number " + i + " and every door was open.")
          .title("House " + i)
          .build();
      lines.add(TrainingExample.of(analyst, dream, "I would first ask about house " + i + ".").toJsonLine());
    }
    return lines;
  }

  private static String line(String system, String user, String answer) {
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(user));
    messages.add(ChatMessage.assistant(answer));
    return new TrainingExample(messages).toJsonLine();
  }

  private ValidationReport validate(List<String> lines, AnalystProfile analyst) {
    return VALIDATOR.validate(write(dir, lines), ValidationOptions.builder().analyst(analyst).build());
  }

  @Test
  void filesRenderedThroughThePromptBuilderHaveNoSkew() {
    ValidationReport report = validate(rendered(JUNG, 50), JUNG);

    assertThat(report.problems()).isEmpty();
  }

  @Test
  void theOriginalProjectsTrainingTemplateIsSkewOnEveryLineThatUsesIt() {
    List<String> lines = rendered(JUNG, 50);
    // the one-line persona and "Analyze this dream:" template of the system this SDK replaces
    lines.set(3, line("You are Carl Jung, analyzing dreams through the lens of analytical psychology.",
        "Analyze this dream:\n\nTitle: House 4\n\nDream: I walked through a house.", "An answer."));
    lines.set(6, line(JUNG.systemPrompt() + " Be brief.",
        userOf(7), "Another answer."));
    lines.set(9, line(null, userOf(10), "A third answer."));

    ValidationReport report = validate(lines, JUNG);

    assertThat(report.problems(ProblemCode.SYSTEM_PROMPT_SKEW)).extracting(Problem::line)
        .containsExactly(4L, 7L, 10L);
    assertThat(report.problems(ProblemCode.USER_TEMPLATE_SKEW)).extracting(Problem::line)
        .containsExactly(4L);
    assertThat(report.problems(ProblemCode.SYSTEM_PROMPT_SKEW).get(1).message())
        .contains("first difference at character " + (JUNG.systemPrompt().length() + 1));
    assertThat(report.problems(ProblemCode.SYSTEM_PROMPT_SKEW).get(2).message()).contains("no system message");
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void withoutAnAnalystThereIsNoSkewCheck() {
    List<String> lines = rendered(JUNG, 50);
    lines.set(3, line("You are Carl Jung.", "Analyze this dream: x", "An answer."));

    ValidationReport report = VALIDATOR.validate(write(dir, lines), ValidationOptions.defaults());

    assertThat(report.problems()).isEmpty();
  }

  @Test
  void aFreudFileChecksAgainstFreudsPrompt() {
    ValidationReport report = validate(rendered(JUNG, 50), FREUD);

    assertThat(report.problems(ProblemCode.SYSTEM_PROMPT_SKEW)).hasSize(50);
    assertThat(report.problems(ProblemCode.USER_TEMPLATE_SKEW)).isEmpty();
  }

  @Test
  void aJungAnswerWithFreudsTermsOrAvoidedTermsIsWarnedWithTheTerm() {
    List<String> lines = rendered(JUNG, 50);
    lines.set(4, line(JUNG.systemPrompt(), userOf(5),
        "The house is a wish-fulfilment, and the censor has disguised it."));
    lines.set(8, line(JUNG.systemPrompt(), userOf(9), "During REM sleep the brain sorts memories."));

    ValidationReport report = validate(lines, JUNG);

    assertThat(report.problems(ProblemCode.OTHER_SCHOOL_TERM)).extracting(Problem::line).containsExactly(5L, 5L);
    assertThat(report.problems(ProblemCode.OTHER_SCHOOL_TERM)).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("'wish-fulfilment'", "jung answer"))
        .anySatisfy(m -> assertThat(m).contains("'the censor'"));
    assertThat(report.problems(ProblemCode.AVOIDED_TERM)).extracting(Problem::line).containsExactly(9L, 9L);
    assertThat(report.problems(ProblemCode.AVOIDED_TERM)).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("'REM sleep'"));
    assertThat(report.hasErrors()).isFalse();
  }

  @Test
  void aFreudAnswerWithJungsTermsIsWarned() {
    List<String> lines = rendered(FREUD, 50);
    lines.set(2, line(FREUD.systemPrompt(), userOf(3),
        "The house is an image from the collective unconscious, a step in individuation."));

    ValidationReport report = validate(lines, FREUD);

    assertThat(report.problems(ProblemCode.OTHER_SCHOOL_TERM)).extracting(Problem::line).containsExactly(3L, 3L);
  }

  @Test
  void theLintCanBeTurnedOffAndDoesNotApplyToOtherAnalysts() {
    List<String> lines = rendered(JUNG, 50);
    lines.set(4, line(JUNG.systemPrompt(), userOf(5), "A wish-fulfilment."));
    Path file = write(dir, lines);

    ValidationReport off = VALIDATOR.validate(file,
        ValidationOptions.builder().analyst(JUNG).fidelityLint(false).build());
    AnalystProfile adler = new AnalystProfile("adler", "Alfred Adler", "t", "e", "s", "a", "b", JUNG.systemPrompt());
    ValidationReport other = VALIDATOR.validate(file, ValidationOptions.builder().analyst(adler).build());
    ValidationReport explicit = VALIDATOR.validate(file, ValidationOptions.builder().fidelitySchool("jung").build());

    assertThat(off.problems()).isEmpty();
    assertThat(other.problems()).isEmpty();
    assertThat(explicit.problems(ProblemCode.OTHER_SCHOOL_TERM)).hasSize(1);
    assertThatThrownBy(() -> VALIDATOR.validate(file, ValidationOptions.builder().fidelitySchool("adler").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown fidelity school 'adler'");
  }

  @Test
  void answersWithWeightZeroAreNotLinted() {
    List<String> lines = rendered(JUNG, 50);
    lines.set(4, "{\"messages\":[{\"role\":\"system\",\"content\":\"" + JUNG.systemPrompt().replace("\n", "\\n").replace("\"", "\\\"")
        + "\"},{\"role\":\"user\",\"content\":\"" + userOf(5).replace("\n", "\\n")
        + "\"},{\"role\":\"assistant\",\"content\":\"A wish-fulfilment.\",\"weight\":0},"
        + "{\"role\":\"user\",\"content\":\"" + userOf(5).replace("\n", "\\n") + "\"},"
        + "{\"role\":\"assistant\",\"content\":\"A compensation.\",\"weight\":1}]}");

    ValidationReport report = validate(lines, JUNG);

    assertThat(report.problems()).isEmpty();
  }

  private static String userOf(int i) {
    return dev.reve.analysis.PromptBuilder.userMessage(
        Dream.builder("I walked through house number " + i + " and every door was open.").title("House " + i).build());
  }
}
