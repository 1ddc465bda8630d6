package dev.reve.cli;

import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.ProviderKind;
import dev.reve.testkit.LoggedRequest;
import dev.reve.testkit.OpenAiEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code reve demo} fine-tunes. On OpenAI, the default, every step runs on the embedded
 * OpenAI emulator as before. On another provider the fine-tuning steps speak that provider's API
 * to an emulated server of its own, started once for the whole demo and set up as a user sets up
 * the provider: its base URL in {@code REVE_FINETUNE_BASE_URL}, a key in the provider's variable.
 * The analysts' main server stays the embedded OpenAI emulator, so a promoted model answers from
 * the provider's server (the models file says where) and a fallback from the main one.
 */
final class DemoProvider implements AutoCloseable {
  /**
   * Requests the provider's server keeps in its log: the whole demo (about a hundred), bounded.
   */
  static final int LOG_LIMIT = 2_000;

  private final ProviderKind kind;
  private OpenAiEmulator server;

  private DemoProvider(ProviderKind kind) {
    this.kind = kind;
  }

  /**
   * The provider named by {@code --provider}.
   *
   * @throws CliException a usage error naming the accepted values
   */
  static DemoProvider named(String name) {
    try {
      return new DemoProvider(ProviderKind.of(name));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--provider: " + e.getMessage() + ".");
    }
  }

  /** The provider. */
  ProviderKind kind() {
    return kind;
  }

  /** Whether the demo fine-tunes on OpenAI's own API (the embedded emulator serves everything). */
  boolean openAi() {
    return kind == ProviderKind.OPENAI;
  }

  /** The provider's name for the narration: {@code Together AI}. */
  String name() {
    return kind.displayName();
  }

  /** Whose API the fine-tuning steps speak: Together's own, or OpenAI's. */
  String dialect() {
    return switch (kind) {
      case TOGETHER -> "Together AI's own API";
      case AZURE -> "OpenAI's API with Azure's api-key header";
      case OPENAI, OPENAI_COMPATIBLE -> "OpenAI's API";
    };
  }

  /**
   * Starts the provider's emulated server, its state in {@code state}; nothing on OpenAI, whose
   * steps start the embedded emulator themselves.
   */
  void start(Path state, Clock clock) {
    if (!openAi() && server == null) {
      server = EmbeddedEmulator.start(state, 0, clock, LOG_LIMIT);
    }
  }

  /** The emulated server's base URL, once started. */
  Optional<String> baseUrl() {
    return Optional.ofNullable(server).map(OpenAiEmulator::baseUrl);
  }

  /** The emulated server's own key (public, not a secret), once started. */
  Optional<String> apiKey() {
    return Optional.ofNullable(server).map(OpenAiEmulator::apiKey);
  }

  /** The provider's key variable: {@code TOGETHER_API_KEY}. */
  String keyVariable() {
    return kind.defaultKeyVariable();
  }

  /**
   * The variables the fine-tuning steps see: the provider's base URL and its key variable, set to
   * the emulated server's; none on OpenAI.
   */
  Map<String, String> variables() {
    Map<String, String> v = new LinkedHashMap<>();
    if (server != null) {
      v.put(FineTuningProvider.BASE_URL_VARIABLE, server.baseUrl());
      v.put(keyVariable(), server.apiKey());
    }
    return v;
  }

  /** Whether {@code variable} configures a provider (a key or a setting the demo must not take). */
  static boolean providerVariable(String variable) {
    for (ProviderKind k : ProviderKind.values()) {
      if (k.defaultKeyVariable().equals(variable)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The arguments of a {@code reve finetune} step: {@code finetune SUB --provider P}, with Together's
   * open-weight base model when the step trains or validates ({@code withBaseModel}), then
   * {@code more}. On OpenAI the command as it always was.
   */
  List<String> finetune(String sub, boolean withBaseModel, String... more) {
    List<String> args = new ArrayList<>(List.of("finetune", sub));
    if (!openAi()) {
      args.addAll(List.of("--provider", kind.id()));
      if (withBaseModel && kind == ProviderKind.TOGETHER) {
        args.addAll(List.of("--base-model", FinetuneCommand.TOGETHER_BASE_MODEL));
      }
    }
    args.addAll(List.of(more));
    return args;
  }

  /** What step 1 says about the cost on another provider. */
  String costNote() {
    return switch (kind) {
      case TOGETHER -> " The base model is " + FinetuneCommand.TOGETHER_BASE_MODEL + ", open-weight: the"
          + " price table has no price for it, so the cost is Together's own estimate, asked in step 2.";
      case OPENAI_COMPATIBLE -> " An OpenAI-compatible trainer's prices are not known, so no cost is"
          + " estimated from them.";
      default -> "";
    };
  }

  /** What step 2 says about the provider's calls. */
  String startNote() {
    return switch (kind) {
      case TOGETHER -> " On Together: POST files/upload for each file, POST fine-tunes/estimate-price"
          + " (its estimate is printed, and a refusal would stop here), then POST fine-tunes with"
          + " LoRA (rank 16, alpha 32) by default.";
      case AZURE -> " On Azure: OpenAI's calls, with the key in the api-key header.";
      case OPENAI_COMPATIBLE -> " OpenAI's calls, sent to the trainer's base URL with its own key.";
      case OPENAI -> "";
    };
  }

  /** What step 4 adds about promotion on another provider. */
  String promoteNote() {
    return switch (kind) {
      case OPENAI -> "";
      case AZURE -> " With Azure's base URL, key variable and auth=api-key beside each model. On Azure a"
          + " model answers only once deployed (the Next: lines say how); the emulated server serves it"
          + " at once.";
      default -> " With " + name() + "'s base URL and key variable beside each model, so the analysts"
          + " ask " + name() + "'s server for them.";
    };
  }

  /** What step 7 says about deleting a model on another provider. */
  String deleteNote() {
    return kind == ProviderKind.TOGETHER
        ? "On Together itself a fine-tuned model goes with its job (DELETE fine-tunes/ID, from its"
            + " console or CLI); the emulated server also takes the DELETE models/ID that 'reve models"
            + " delete' sends, used here."
        : kind == ProviderKind.AZURE
            ? "'reve models delete' sends DELETE models/ID, which the emulated server takes; on Azure"
                + " itself, remove the deployment and the model in Azure AI Foundry."
            : "'reve models delete' sends DELETE models/ID to the trainer's server.";
  }

  /** What the provider's server was asked: each route with its count, in first-seen order. */
  List<String> summary() {
    if (server == null) {
      return List.of();
    }
    Map<String, Integer> routes = new LinkedHashMap<>();
    int openAiFineTuning = 0;
    for (LoggedRequest r : server.requests().all()) {
      routes.merge(String.format(Locale.ROOT, "%-6s %s", r.method(), route(r.path())), 1, Integer::sum);
      if (r.path().startsWith("fine_tuning") || (r.method().equals("POST") && r.path().equals("files"))) {
        openAiFineTuning++;
      }
    }
    List<String> lines = new ArrayList<>();
    routes.forEach((route, count) -> lines.add(String.format(Locale.ROOT, "%5d  %s", count, route)));
    if (kind == ProviderKind.TOGETHER) {
      lines.add("OpenAI's fine-tuning calls (POST files, fine_tuning/jobs/...): "
          + (openAiFineTuning == 0 ? "none." : openAiFineTuning + "."));
    }
    return lines;
  }

  /** A path with its ids replaced by {@code ID}: {@code fine-tunes/ID/events}. */
  static String route(String path) {
    if (path.startsWith("models/")) {
      return "models/ID";
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      parts.add(part.matches("(file|ftjob|ft|batch|chatcmpl)[-:].*") ? "ID" : part);
    }
    return String.join("/", parts);
  }

  /** Stops the provider's server, saving its state. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
