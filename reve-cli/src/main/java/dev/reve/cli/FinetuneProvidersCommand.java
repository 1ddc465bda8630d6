package dev.reve.cli;

import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.ProviderKind;
import dev.reve.finetune.validation.PriceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reve finetune providers}: where fine-tuning can run, and what is configured for each. */
@Command(
    name = "providers",
    mixinStandardHelpOptions = true,
    description = {
      "List the fine-tuning providers: base URL, key variable (set or not, never the key), auth"
          + " header, and where cost estimates come from. The one chosen by --provider (or "
          + FineTuningProvider.PROVIDER_VARIABLE + ") is marked with *.",
    })
public final class FinetuneProvidersCommand extends Subcommand {
  @Mixin JsonOption json;

  /** Created by picocli. */
  public FinetuneProvidersCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    ProviderKind chosen = FinetuneCommand.of(spec).providerKind();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ProviderKind kind : ProviderKind.values()) {
      rows.add(describe(kind, kind == chosen));
    }
    if (json.requested()) {
      printJson(Map.of("providers", rows));
      return ExitCode.OK;
    }
    Table table = new Table("", "PROVIDER", "BASE URL", "KEY", "AUTH", "COST ESTIMATE");
    for (Map<String, Object> row : rows) {
      table.row(Boolean.TRUE.equals(row.get("chosen")) ? "*" : "", row.get("id"),
          Optional.ofNullable(row.get("base_url")).orElse("(set " + FineTuningProvider.BASE_URL_VARIABLE + ")"),
          row.get("key_variable") + (Boolean.TRUE.equals(row.get("key_set")) ? " (set)" : " (not set)"),
          row.get("auth"), row.get("cost_estimate"));
    }
    table.print(out());
    return ExitCode.OK;
  }

  private Map<String, Object> describe(ProviderKind kind, boolean isChosen) {
    Map<String, String> settings = isChosen ? env.env() : withoutProviderSettings();
    Optional<FineTuningProvider> provider;
    try {
      Map<String, String> withUrl = new LinkedHashMap<>(settings);
      if (isChosen && global().baseUrl != null) {
        withUrl.put(FineTuningProvider.BASE_URL_VARIABLE, global().baseUrl);
      }
      provider = Optional.of(FineTuningProvider.of(kind, withUrl));
    } catch (IllegalArgumentException noUrl) {
      provider = Optional.empty();
    }
    String keyVariable = provider.map(FineTuningProvider::keyVariable).orElse(kind.defaultKeyVariable());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", kind.id());
    row.put("name", kind.displayName());
    row.put("chosen", isChosen);
    row.put("base_url", provider.map(FineTuningProvider::baseUrl).orElse(null));
    row.put("key_variable", keyVariable);
    row.put("key_set", env.variable(keyVariable).isPresent());
    row.put("auth", kind.authStyle().id());
    row.put("cost_estimate", costSource(kind));
    row.put("deploy_step", kind.needsDeployment());
    return row;
  }

  /** The REVE_FINETUNE_* settings describe the chosen provider only. */
  private Map<String, String> withoutProviderSettings() {
    Map<String, String> copy = new LinkedHashMap<>(env.env());
    copy.remove(FineTuningProvider.BASE_URL_VARIABLE);
    copy.remove(FineTuningProvider.KEY_VARIABLE_VARIABLE);
    return copy;
  }

  private static String costSource(ProviderKind kind) {
    return switch (kind) {
      case OPENAI -> "price table (" + PriceTable.defaults().entries().size() + " models)";
      case AZURE -> "price table for OpenAI's models; Azure bills hosting too";
      case OPENAI_COMPATIBLE -> "unknown (the trainer's own prices)";
      case TOGETHER -> "Together's estimate-price, per job";
    };
  }
}
