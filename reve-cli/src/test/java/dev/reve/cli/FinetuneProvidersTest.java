package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredJob;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --provider}, its environment variable, and {@code reve finetune providers}. */
class FinetuneProvidersTest {
  static final String TOGETHER_KEY = "tg-test-key-0123456789abcdef";
  static final String LLAMA = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator api;
  private Cli cli;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    api = openai.emulator();
    cli = new Cli(dir);
    cli.env.put("TOGETHER_API_KEY", TOGETHER_KEY);
    cli.env.put("REVE_FINETUNE_BASE_URL", api.baseUrl());
    FinetuneCommandTest.trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    FinetuneCommandTest.trainingFile(dir.resolve("training-data/freud-examples.jsonl"), BuiltInAnalysts.FREUD, 12);
  }

  @Test
  void aWholeRunOnTogetherStartsWatchesAndPromotesWithTheProvidersUrlAndKeyVariable() throws Exception {
    Cli.Result start = cli.run("finetune", "start", "--provider", "together", "--base-model", LLAMA, "--epochs", "2");

    assertThat(start.code()).as(start.all()).isEqualTo(0);
    assertThat(api.requests().applied(Requests.to("POST", "files/upload"))).hasSize(2);
    assertThat(api.requests().applied(Requests.to("POST", "fine-tunes"))).hasSize(2);
    assertThat(api.requests().received()).noneMatch(Requests.under("POST", "fine_tuning")::test);
    StoredJob job = api.jobs().all().get(0);
    assertThat(job.model()).isEqualTo(LLAMA);
    assertThat(job.requestBody()).contains("\"n_epochs\":2").contains("\"type\":\"Lora\"");
    assertThat(start.err()).contains("Together AI estimates $").contains("unknown");
    assertThat(Files.readString(dir.resolve("reve-finetune.json"))).contains("\"provider\": \"together\"");

    api.jobs().all().forEach(j -> api.jobs().succeed(j.id()));
    cli.env.put("REVE_FINETUNE_PROVIDER", "together");
    Cli.Result watch = cli.run("finetune", "watch");
    assertThat(watch.code()).as(watch.all()).isEqualTo(0);
    Cli.Result promote = cli.run("finetune", "promote");

    assertThat(promote.code()).as(promote.all()).isEqualTo(0);
    Properties models = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve("reve-models.properties"), StandardCharsets.UTF_8)) {
      models.load(in);
    }
    assertThat(models.getProperty("jung.base-url")).isEqualTo(api.baseUrl());
    assertThat(models.getProperty("jung.api-key-env")).isEqualTo("TOGETHER_API_KEY");
    assertThat(promote.out()).contains("OPENAI_JUNG_BASE_URL=").contains("OPENAI_JUNG_API_KEY=$TOGETHER_API_KEY");
    for (Cli.Result r : new Cli.Result[] {start, watch, promote}) {
      assertThat(r.all()).doesNotContain(TOGETHER_KEY);
    }
    assertThat(Files.readString(dir.resolve("reve-models.properties"))).doesNotContain(TOGETHER_KEY);
  }

  @Test
  void theStateOfARunOnTogetherIsNotDrivenAsOpenAi() {
    assertThat(cli.run("finetune", "start", "--provider", "together", "--base-model", LLAMA).code()).isEqualTo(0);
    cli.env.put("OPENAI_API_KEY", Cli.KEY);
    cli.env.put("OPENAI_BASE_URL", api.baseUrl());

    Cli.Result status = cli.run("finetune", "status");

    assertThat(status.code()).isNotEqualTo(0);
    assertThat(status.err()).contains("on together").contains("--provider together");
  }

  @Test
  void togetherNeedsAnOpenWeightBaseModelAndAnUnknownProviderIsAUsageError() {
    Cli.Result noModel = cli.run("finetune", "start", "--provider", "together");
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err()).contains("--base-model").contains("open-weight");

    Cli.Result unknown = cli.run("finetune", "list", "--provider", "bedrock");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("openai, azure, openai-compatible, together");
  }

  @Test
  void providersListsEveryProviderMarksTheChosenOneAndNeverPrintsAKey() {
    cli.env.put("REVE_FINETUNE_PROVIDER", "together");
    Cli.Result table = cli.run("finetune", "providers");

    assertThat(table.code()).isEqualTo(0);
    assertThat(table.out()).contains("openai", "azure", "openai-compatible", "together")
        .contains("TOGETHER_API_KEY (set)").contains("AZURE_OPENAI_API_KEY (not set)")
        .contains("api-key").contains("estimate-price").contains("unknown")
        .doesNotContain(TOGETHER_KEY);
    assertThat(table.out().lines().filter(l -> l.startsWith("*"))).singleElement()
        .satisfies(l -> assertThat(l).contains("together").contains(api.baseUrl()));

    Cli.Result json = cli.run("finetune", "providers", "--json", "--provider", "azure");
    java.util.List<?> rows = (java.util.List<?>) Json.object(json.out()).get("providers");
    assertThat(rows).hasSize(4);
    assertThat(rows).filteredOn(r -> Boolean.TRUE.equals(((java.util.Map<?, ?>) r).get("chosen")))
        .singleElement().satisfies(r -> assertThat(((java.util.Map<?, ?>) r).get("auth")).isEqualTo("api-key"));
  }

  @Test
  void exportWritesTheDataAConfigAndTheServeCommandForEachAnalyst() throws Exception {
    Cli.Result result = cli.run("finetune", "export", "--format", "axolotl", "--out", "gpu", "--epochs", "2");

    assertThat(result.code()).as(result.all()).isEqualTo(0);
    assertThat(result.out()).contains("jung: 12 examples", "axolotl train axolotl.yaml", "vllm serve");
    assertThat(Files.readAllLines(dir.resolve("gpu/jung/train.jsonl"))).hasSize(12);
    assertThat(Files.readString(dir.resolve("gpu/jung/axolotl.yaml"))).contains("num_epochs: 2");
    assertThat(cli.run("finetune", "export", "--format", "gguf").code()).isEqualTo(2);
  }
}
