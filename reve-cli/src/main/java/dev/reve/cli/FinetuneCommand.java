package dev.reve.cli;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.ProviderKind;
import dev.reve.finetune.JobError;
import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.run.Promotion;
import dev.reve.openai.OpenAiClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code reve finetune}: validate training data, run fine-tuning jobs, promote the models. */
@Command(
    name = "finetune",
    mixinStandardHelpOptions = true,
    description = {
      "Fine-tune the analysts: validate the training files, start the jobs, follow them, and"
          + " promote the resulting models into reve-models.properties.",
      "The run's state is kept in reve-finetune.json in the working directory, so every step can"
          + " be repeated or resumed safely."
    },
    subcommands = {
      FinetuneValidateCommand.class,
      FinetuneStartCommand.class,
      FinetuneStatusCommand.class,
      FinetuneWatchCommand.class,
      FinetuneListCommand.class,
      FinetuneCancelCommand.class,
      FinetuneSaveCommand.class,
      FinetunePromoteCommand.class,
      FinetuneProvidersCommand.class,
      FinetuneExportCommand.class,
      FinetuneDistillCommand.class
    })
public final class FinetuneCommand extends CommandGroup {
  /** The base model the CLI fine-tunes and validates for unless told otherwise. */
  static final String DEFAULT_BASE_MODEL = FineTuneRun.DEFAULT_BASE_MODEL;

  /** An open-weight base model Together AI fine-tunes, named in advice and used by the demo. */
  static final String TOGETHER_BASE_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Option(
      names = "--provider",
      scope = ScopeType.INHERIT,
      paramLabel = "P",
      description = {
        "Where to fine-tune: openai, azure, openai-compatible or together.",
        "Default: " + FineTuningProvider.PROVIDER_VARIABLE + ", else openai. The base URL comes from"
            + " --base-url or " + FineTuningProvider.BASE_URL_VARIABLE + " (Together's is known),"
            + " the key from the provider's variable (AZURE_OPENAI_API_KEY, FINETUNE_API_KEY,"
            + " TOGETHER_API_KEY) or " + FineTuningProvider.KEY_VARIABLE_VARIABLE + "."
      })
  String provider;

  /** Created by picocli. */
  public FinetuneCommand(CliEnvironment env) {
    super(env);
  }

  /** The provider chosen by {@code --provider}, else the environment, else OpenAI. */
  ProviderKind providerKind() {
    String chosen = provider != null ? provider : env.variable(FineTuningProvider.PROVIDER_VARIABLE).orElse("openai");
    try {
      return ProviderKind.of(chosen);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage() + (provider != null ? "" : " (from " + FineTuningProvider.PROVIDER_VARIABLE + ")"));
    }
  }

  /**
   * The provider with its base URL and key variable; OpenAI keeps the global options' endpoint
   * ({@code --base-url}, {@code OPENAI_BASE_URL}).
   */
  FineTuningProvider provider(GlobalOptions global) {
    ProviderKind kind = providerKind();
    Map<String, String> settings = new LinkedHashMap<>(env.env());
    if (global.baseUrl != null) {
      settings.put(FineTuningProvider.BASE_URL_VARIABLE, global.baseUrl);
    }
    try {
      return FineTuningProvider.of(kind, settings);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** A client on the chosen provider: its base URL, auth style and key. */
  OpenAiClient client(GlobalOptions global) {
    ProviderKind kind = providerKind();
    if (kind == ProviderKind.OPENAI) {
      return global.client(env);
    }
    FineTuningProvider chosen = provider(global);
    String key = global.apiKeyFile != null ? null : env.variable(chosen.keyVariable()).orElse(null);
    if (key == null && global.apiKeyFile == null) {
      throw new CliException(ExitCode.API, "No key for " + kind.displayName() + ": set "
          + chosen.keyVariable() + " (or pass --api-key-file PATH).");
    }
    return global.client(env, chosen.baseUrl(), chosen.authStyle(), key);
  }

  /** The finetune group above a subcommand. */
  static FinetuneCommand of(CommandSpec spec) {
    for (CommandSpec at = spec; at != null; at = at.parent()) {
      if (at.userObject() instanceof FinetuneCommand group) {
        return group;
      }
    }
    throw new IllegalStateException(spec.name() + " is not under reve finetune");
  }

  /** A fine-tuning service on the chosen provider, waiting with the environment's sleeper and clock. */
  static FineTuningService service(CliEnvironment env, OpenAiClient client, CommandSpec spec, GlobalOptions global) {
    return FineTuningService.builder(client)
        .provider(of(spec).providerFor(client, global))
        .sleeper(env.sleeper())
        .clock(env.clock())
        .build();
  }

  /** The provider at the URL the client really uses (for OpenAI: the global options' endpoint). */
  private FineTuningProvider providerFor(OpenAiClient client, GlobalOptions global) {
    ProviderKind kind = providerKind();
    if (kind == ProviderKind.OPENAI) {
      return FineTuningProvider.of(kind, client.baseUrl().toString());
    }
    return provider(global);
  }

  /** A run builder on the state file in the working directory. */
  static FineTuneRun.Builder run(CliEnvironment env, FineTuningService service) {
    return FineTuneRun.builder(service).stateFile(Places.stateFile(env)).clock(env.clock());
  }

  /** The built-in analyst with this id, if there is one. */
  static Optional<AnalystProfile> builtIn(String id) {
    return AnalystRegistry.withBuiltIns().find(id);
  }

  /** The analyst a job was started for, from its {@code reve_analyst} metadata. */
  static Optional<String> analystOf(FineTuningJob job) {
    return Optional.ofNullable(job.metadata().get(FineTuneRun.ANALYST_KEY));
  }

  /** Unix seconds as {@code 2026-11-25 12:00} UTC, or empty for 0. */
  static String time(long unixSeconds) {
    return unixSeconds <= 0 ? "" : TIME.format(Instant.ofEpochSecond(unixSeconds));
  }

  /** A job as JSON. */
  static Map<String, Object> jobJson(FineTuningJob job) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", job.id());
    map.put("status", job.status());
    map.put("analyst", analystOf(job).orElse(null));
    map.put("base_model", job.model());
    map.put("fine_tuned_model", job.fineTunedModel().orElse(null));
    map.put("created_at", job.createdAt() == 0L ? null : job.createdAt());
    map.put("finished_at", job.finishedAt().orElse(null));
    map.put("trained_tokens", job.trainedTokens().orElse(null));
    map.put("training_file", job.trainingFile());
    map.put("validation_file", job.validationFile().orElse(null));
    map.put("error", job.error().map(JobError::summary).orElse(null));
    return map;
  }

  /**
   * Prints what a promotion did: the models file lines, the analysts left out and why, then the
   * environment lines on their own, ready to paste.
   *
   * @return the exit code: 0 when every analyst was promoted, 1 otherwise
   */
  static int printPromotion(CliEnvironment env, Promotion promotion, boolean json) {
    PrintWriter out = env.out();
    if (json) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("models_file", Places.show(env, promotion.modelsFile()));
      map.put("promoted", promotion.promoted());
      map.put("not_promoted", promotion.notPromoted());
      map.put("environment", promotion.environmentLines());
      map.put("next_steps", promotion.nextSteps());
      out.println(JsonOutput.write(map));
    } else {
      if (promotion.promoted().isEmpty()) {
        out.println("No model promoted; " + Places.show(env, promotion.modelsFile()) + " is unchanged.");
      } else {
        out.println("Wrote " + Places.show(env, promotion.modelsFile()) + ":");
        promotion.promoted().forEach((analyst, model) -> out.println("  " + analyst + ".model=" + model));
      }
      promotion.notPromoted().forEach((analyst, why) -> out.println("Not promoted: " + analyst + ": " + why));
      if (!promotion.environmentLines().isEmpty()) {
        out.println();
        out.println("The analysts pick these models up from the models file. For deployments"
            + " configured by environment variables:");
        promotion.environmentLines().forEach(out::println);
      }
      promotion.nextSteps().forEach(step -> out.println("Next: " + step));
    }
    out.flush();
    return promotion.complete() ? ExitCode.OK : ExitCode.FAILURE;
  }

  /** Requires the state file of a run in the working directory. */
  static Path requireStateFile(CliEnvironment env) {
    Path state = Places.stateFile(env);
    if (!java.nio.file.Files.isRegularFile(state)) {
      throw CliException.usage("No fine-tuning run in " + env.workingDirectory() + " (no "
          + state.getFileName() + "). Start one with 'reve finetune start', run this command in"
          + " the directory where you started it, or give job ids.");
    }
    return state;
  }
}
