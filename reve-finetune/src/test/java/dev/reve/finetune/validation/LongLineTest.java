package dev.reve.finetune.validation;

import static dev.reve.finetune.validation.TrainingFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hostile line made of a single multi-megabyte "word": the old counter needed gigabytes and
 * tens of seconds on it (an OutOfMemoryError on the test heap). The timeout guards against a hang,
 * it is not a speed goal.
 */
class LongLineTest {
  private static final TokenCounter COUNTER = TokenCounter.o200k();

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aMultiMegabyteRunIsCountedInBoundedWork() {
    String run = "q".repeat(8 * 1024 * 1024);

    int tokens = COUNTER.count(run);

    assertThat(tokens).isGreaterThanOrEqualTo(run.length() / TokenCounter.LONG_RUN)
        .isLessThanOrEqualTo(run.length());
  }

  @Test
  void ordinaryTextIsCountedExactlyAsBefore() {
    String text = "I walked through a house I knew as a child; every door opened on the sea. ".repeat(200);

    com.knuddels.jtokkit.api.Encoding direct = com.knuddels.jtokkit.Encodings.newDefaultEncodingRegistry()
        .getEncoding(com.knuddels.jtokkit.api.EncodingType.O200K_BASE);
    assertThat(COUNTER.count(text)).isEqualTo(direct.countTokensOrdinary(text));
    assertThat(COUNTER.count("hello world")).isEqualTo(2);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theValidatorReportsTheLongLineAsOverTheLimit(@TempDir Path dir) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"dream " + i + "\"},"
          + "{\"role\":\"assistant\",\"content\":\"analysis " + i + "\"}]}");
    }
    lines.set(4, "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "z".repeat(4 * 1024 * 1024) + "\"},"
        + "{\"role\":\"assistant\",\"content\":\"ok\"}]}");

    ValidationReport report = new TrainingDataValidator().validate(write(dir, lines), ValidationOptions.defaults());

    assertThat(report.problems(ProblemCode.TOO_MANY_TOKENS)).singleElement()
        .satisfies(p -> assertThat(p.toString()).contains("5"));
  }
}
