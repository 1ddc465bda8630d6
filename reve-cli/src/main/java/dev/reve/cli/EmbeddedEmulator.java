package dev.reve.cli;

import dev.reve.testkit.JobPace;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorBuilder;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The OpenAI emulator the CLI runs in process for {@code --emulator} and {@code reve demo}: state
 * kept in a folder so that separate invocations see the same files, jobs and models, jobs that
 * succeed in about ten seconds of the environment's clock, answers from the training data, and
 * its own key checked.
 */
final class EmbeddedEmulator {
  /** Requests kept in the emulator's log: enough to report on, bounded for a long session. */
  static final int REQUEST_LOG_LIMIT = 200;

  private EmbeddedEmulator() {}

  /** Where the state lives unless {@code --emulator-state} says: under the user's home. */
  static Path defaultState(CliEnvironment env) {
    String home = env.variable("HOME").orElse(System.getProperty("user.home"));
    return Path.of(home, ".reve", "emulator");
  }

  /**
   * An emulator serving on {@code port} (0: any free one) with its state in {@code state}, or in
   * memory only when {@code state} is null.
   */
  static OpenAiEmulator start(Path state, int port, Clock clock) {
    return start(state, port, clock, REQUEST_LOG_LIMIT);
  }

  /** As {@link #start(Path, int, Clock)}, keeping the latest {@code logLimit} requests in its log. */
  static OpenAiEmulator start(Path state, int port, Clock clock, int logLimit) {
    try {
      OpenAiEmulatorBuilder builder = OpenAiEmulator.builder().startTime(clock.instant());
      if (state != null) {
        builder.stateDirectory(state);
      }
      return builder
          .jobPace(JobPace.accelerated(clock))
          .trainedAnswers()
          .checkApiKey(true)
          .requestLogLimit(logLimit)
          .port(port)
          .start();
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new CliException(ExitCode.API, "Cannot start the emulator: " + e.getMessage(), e);
    }
  }

  /** The line every emulated answer is marked with. */
  static String note() {
    return "[Emulated: this answer comes from Rêve's offline emulator (a training example or a"
        + " placeholder), not from a language model. It is not a real analysis.]";
  }
}
