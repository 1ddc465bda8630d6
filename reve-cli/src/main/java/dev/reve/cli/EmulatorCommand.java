package dev.reve.cli;

import dev.reve.testkit.OpenAiEmulator;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve emulator}: serve the OpenAI emulator on loopback until stopped. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serve an OpenAI-compatible emulator on loopback until Ctrl-C or SIGTERM: files,"
          + " fine-tuning jobs (events, checkpoints, cancel, pause, resume), models (with delete)"
          + " and chat (plain, streamed, structured). Point any OpenAI client at the base URL it"
          + " prints, with the key it prints.",
      "Jobs succeed in about ten seconds. A fine-tuned model answers with the training example"
          + " closest to the dream it is sent; a base model with a placeholder naming the analyst.",
      "Without --state everything is forgotten when it stops."
    })
public final class EmulatorCommand extends Subcommand {
  @Option(names = "--port", paramLabel = "N", defaultValue = "0",
      description = "Loopback port to listen on; 0 (default) picks a free one.")
  int port;

  @Option(names = "--state", paramLabel = "DIR",
      description = "Keep files, jobs and models in this folder, so that they survive a restart.")
  Path state;

  /** Created by picocli. */
  public EmulatorCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() throws InterruptedException {
    Path folder = state == null ? null : env.resolve(state);
    boolean temporary = folder == null;
    OpenAiEmulator emulator = EmbeddedEmulator.start(folder, port, env.clock());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread onStop = new Thread(() -> {
      emulator.close();
      err().println("Emulator stopped" + (temporary ? "." : "; its state is in " + folder + "."));
      err().flush();
      stopped.countDown();
    }, "reve-emulator-stop");
    Runtime.getRuntime().addShutdownHook(onStop);
    out().println("Emulator serving at " + emulator.baseUrl());
    out().println("  export OPENAI_BASE_URL=" + emulator.baseUrl());
    out().println("  export OPENAI_API_KEY=" + emulator.apiKey() + "   (the emulator's own key, from "
        + OpenAiEmulator.API_KEY_VARIABLE + " or new at each start; any other key gets 401 invalid_api_key)");
    out().println(temporary ? "State: in memory only, gone when it stops (--state DIR keeps it)."
        : "State: " + folder + " (files, jobs and models survive a restart).");
    out().println("Ctrl-C or SIGTERM stops it.");
    out().flush();
    stopped.await();
    return ExitCode.OK;
  }
}
