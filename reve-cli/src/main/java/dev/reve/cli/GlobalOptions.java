package dev.reve.cli;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.AuthStyle;
import dev.reve.openai.error.InsecureTransportException;
import dev.reve.openai.error.MissingApiKeyException;
import dev.reve.testkit.OpenAiEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Options every command accepts, before or after the subcommand's name. The API key is never an
 * option value (it would land in shell history): it comes from {@code OPENAI_API_KEY} or from a
 * file named by {@code --api-key-file}.
 */
public final class GlobalOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--base-url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = {
        "API base URL including the version segment, for example http://localhost:11434/v1/"
            + " (Ollama).",
        "Default: OPENAI_BASE_URL, else https://api.openai.com/v1/"
      })
  String baseUrl;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Deadline for each API call including retries: 30s, 2m, ... Default: 10m.")
  Duration timeout;

  @Option(
      names = "--api-key-file",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description = "Read the API key from this file instead of OPENAI_API_KEY.")
  Path apiKeyFile;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log each HTTP exchange (never the key) and show stack traces on errors.")
  boolean verbose;

  @Option(
      names = "--emulator",
      scope = ScopeType.INHERIT,
      description = {
        "Run against an embedded OpenAI emulator instead of a server: no key, nothing spent, every"
            + " answer marked as emulated. Files, jobs and models persist between commands.",
      })
  boolean emulator;

  @Option(
      names = "--emulator-state",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Where --emulator keeps its state. Default: ~/.reve/emulator")
  Path emulatorState;

  private String loadedKey;
  private OpenAiEmulator embedded;

  /** Refuses a key typed on the command line without ever echoing it. */
  @Option(names = "--api-key", hidden = true, scope = ScopeType.INHERIT, paramLabel = "KEY")
  void refuseKeyOption(String ignored) {
    throw new ParameterException(
        mixee.commandLine(),
        "--api-key is not accepted: a key on the command line lands in shell history. Set"
            + " OPENAI_API_KEY, or put the key in a file and pass --api-key-file PATH.");
  }

  /** Whether {@code --verbose} was given. */
  public boolean verbose() {
    return verbose;
  }

  /** The key read from {@code --api-key-file}, so that error output can mask it. */
  Optional<String> loadedKey() {
    return Optional.ofNullable(loadedKey);
  }

  /** The timeout given with {@code --timeout}. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * A client configured from the environment, then these options, then the environment's tuning.
   *
   * @throws CliException when no key is available for OpenAI's own endpoint, or the key file is
   *     missing or empty
   */
  public OpenAiClient client(CliEnvironment env) {
    if (emulated()) {
      if (baseUrl != null || apiKeyFile != null) {
        throw CliException.usage("--emulator runs against the embedded emulator: leave out "
            + (baseUrl != null ? "--base-url" : "--api-key-file") + ", or drop --emulator.");
      }
      return emulatorClient(env);
    }
    OpenAiClient.Builder builder = OpenAiClient.builder().fromEnvironment(env.env());
    Optional<String> key = env.variable("OPENAI_API_KEY");
    if (apiKeyFile != null) {
      String fromFile = readKeyFile(env.resolve(apiKeyFile));
      loadedKey = fromFile;
      builder.apiKey(fromFile);
      key = Optional.of(fromFile);
    }
    Optional<String> url = Optional.ofNullable(baseUrl).or(() -> env.variable("OPENAI_BASE_URL"));
    url.ifPresent(builder::baseUrl);
    if (key.isEmpty() && url.isEmpty()) {
      throw new CliException(ExitCode.API, missingKeyMessage());
    }
    if (timeout != null) {
      builder.callTimeout(timeout);
    }
    try {
      return env.clientTuning().apply(builder).build();
    } catch (InsecureTransportException e) {
      throw new CliException(
          ExitCode.API,
          "Refusing to send the API key over plain http to " + e.host() + ": use an https:// base"
              + " URL, reach the server through localhost (an SSH tunnel, for example), or unset"
              + " OPENAI_API_KEY if the server needs no key.",
          e);
    } catch (MissingApiKeyException e) {
      throw new CliException(ExitCode.API, missingKeyMessage(), e);
    }
  }

  /** Whether {@code --emulator} (or {@code --emulator-state}) was given. */
  public boolean emulated() {
    return emulator || emulatorState != null;
  }

  /**
   * A client for the embedded emulator, started on first use with its state folder; the
   * environment's key and base URL are left alone, so the user's key is never sent to it.
   */
  private OpenAiClient emulatorClient(CliEnvironment env) {
    synchronized (this) {
      if (embedded == null) {
        Path state = emulatorState != null ? env.resolve(emulatorState) : EmbeddedEmulator.defaultState(env);
        embedded = EmbeddedEmulator.start(state, 0, env.clock());
      }
    }
    OpenAiClient.Builder builder = OpenAiClient.builder().baseUrl(embedded.baseUrl()).apiKey(embedded.apiKey());
    if (timeout != null) {
      builder.callTimeout(timeout);
    }
    return env.clientTuning().apply(builder).build();
  }

  /** Stops the embedded emulator, when one was started, saving its state. */
  void closeEmulator() {
    synchronized (this) {
      if (embedded != null) {
        embedded.close();
        embedded = null;
      }
    }
  }

  /**
   * A client on another provider's endpoint: {@code baseUrl} with {@code style} and {@code key}
   * (the key file, when given, wins), with these options' timeout and the environment's tuning.
   */
  OpenAiClient client(CliEnvironment env, String baseUrl, AuthStyle style, String key) {
    OpenAiClient.Builder builder = OpenAiClient.builder().baseUrl(baseUrl).authStyle(style).apiKey(key);
    if (apiKeyFile != null) {
      loadedKey = readKeyFile(env.resolve(apiKeyFile));
      builder.apiKey(loadedKey);
    }
    if (timeout != null) {
      builder.callTimeout(timeout);
    }
    try {
      return env.clientTuning().apply(builder).build();
    } catch (InsecureTransportException e) {
      throw new CliException(ExitCode.API, "Refusing to send the API key over plain http to " + e.host()
          + ": use an https:// base URL, or reach the server through localhost.", e);
    }
  }

  /** What to do when there is no key: set one, or use a local server that needs none. */
  static String missingKeyMessage() {
    return "No API key. Set it with: export OPENAI_API_KEY=sk-... (or keep it in a file and pass"
        + " --api-key-file PATH). To use a local OpenAI-compatible server instead, which needs no"
        + " key: --base-url http://localhost:11434/v1/ (or set OPENAI_BASE_URL).";
  }

  private static String readKeyFile(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw CliException.usage("API key file " + path + " does not exist.");
    } catch (IOException e) {
      throw CliException.usage("Cannot read API key file " + path + ": " + e.getMessage());
    }
    if (text.isEmpty()) {
      throw CliException.usage("API key file " + path + " is empty.");
    }
    if (text.contains("\n")) {
      throw CliException.usage(
          "API key file " + path + " has more than one line; it must hold only the key.");
    }
    return text;
  }
}
