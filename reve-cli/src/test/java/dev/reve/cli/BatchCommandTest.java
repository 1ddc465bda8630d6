package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.Requests;
import mockwebserver3.MockResponse;
import dev.reve.testkit.OpenAiEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator api;
  private Cli cli;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    api = openai.emulator();
    cli = Cli.against(api, dir);
    // a base model with a published batch price (the reasoning default has none in the capabilities table)
    cli.env.put("REVE_BASE_MODEL", "gpt-4o-2024-08-06");
    Files.writeString(dir.resolve("dreams.jsonl"), String.join("\n",
        "{\"id\":\"d1\",\"content\":\"I was in a house with many rooms.\",\"title\":\"House\"}",
        "{\"id\":\"d2\",\"content\":\"A snake crossed the road in front of me.\"}", ""), StandardCharsets.UTF_8);
  }

  private static List<Map<String, Object>> lines(String jsonl) {
    return jsonl.lines().filter(l -> !l.isBlank()).map(Json::object).toList();
  }

  @Test
  void submitStatusCollectGiveOneLinePerDreamAndAnalyst() throws Exception {
    Cli.Result submit = cli.run("batch", "submit", "--dreams", "dreams.jsonl", "--out", "run");
    assertThat(submit.code()).as(submit.all()).isZero();
    assertThat(submit.out()).contains("p1", "Estimate: 4 requests", "at the batch price");
    assertThat(api.batches().all()).hasSize(1);

    Cli.Result status = cli.run("batch", "status", "--out", "run", "--wait", "--interval", "1s");
    assertThat(status.code()).as(status.all()).isZero();
    assertThat(status.out()).contains("completed", "all finished");

    Cli.Result collect = cli.run("batch", "collect", "--out", "run");
    assertThat(collect.code()).as(collect.all()).isZero();
    List<Map<String, Object>> results = lines(collect.out());
    assertThat(results).hasSize(4).allSatisfy(r -> {
      assertThat(r.get("status")).isEqualTo("complete");
      assertThat((String) r.get("text")).isNotBlank();
    });
    assertThat(results).extracting(r -> r.get("analyst") + "/" + r.get("dream_id"))
        .containsExactlyInAnyOrder("jung/d1", "jung/d2", "freud/d1", "freud/d2");
    assertThat(collect.all()).doesNotContain(Cli.KEY);

    Cli.Result toFile = cli.run("batch", "collect", "--out", "run", "--to", "results.jsonl");
    assertThat(toFile.code()).isZero();
    assertThat(lines(Files.readString(dir.resolve("results.jsonl")))).hasSize(4);

    // Submitting again sends nothing new.
    assertThat(cli.run("batch", "submit", "--dreams", "dreams.jsonl", "--out", "run").code()).isZero();
    assertThat(api.batches().all()).hasSize(1);
  }

  @Test
  void failedLinesAreReportedAndResubmitted() {
    api.batches().failLines(id -> id.equals("freud/d2"), 500, "Line failed on the server.");
    cli.run("batch", "submit", "--dreams", "dreams.jsonl", "--analyst", "freud", "--out", "run");
    cli.run("batch", "status", "--out", "run", "--wait", "--interval", "1s");
    Cli.Result collect = cli.run("batch", "collect", "--out", "run", "--resubmit-failed");
    assertThat(collect.code()).isEqualTo(ExitCode.FAILURE);
    assertThat(lines(collect.out())).filteredOn(r -> r.get("status").equals("failed")).singleElement()
        .satisfies(r -> {
          assertThat(r.get("dream_id")).isEqualTo("d2");
          assertThat((String) r.get("error")).contains("HTTP 500", "Line failed");
          assertThat(r.get("resubmit")).isEqualTo(true);
        });
    assertThat(collect.err()).contains("Resubmitted 1 line(s)");
    api.batches().clearLineFaults();
    cli.run("batch", "status", "--out", "run", "--wait", "--interval", "1s");
    Cli.Result again = cli.run("batch", "collect", "--out", "run");
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(lines(again.out())).hasSize(2).allMatch(r -> r.get("status").equals("complete"));
  }

  @Test
  void aDryRunOnlyEstimatesAndAnotherDreamsFileIsRefusedForARun() throws Exception {
    Cli.Result dry = cli.run("batch", "submit", "--dreams", "dreams.jsonl", "--out", "run", "--dry-run");
    assertThat(dry.code()).as(dry.all()).isZero();
    assertThat(dry.out()).contains("Estimate: 4 requests", "prompt tokens");
    assertThat(api.requests().all()).isEmpty();
    assertThat(dir.resolve("run/reve-batch.json")).doesNotExist();

    assertThat(cli.run("batch", "submit", "--dreams", "dreams.jsonl", "--out", "run").code()).isZero();
    Files.writeString(dir.resolve("other.jsonl"), "{\"id\":\"x\",\"content\":\"Another dream.\"}\n");
    Cli.Result other = cli.run("batch", "submit", "--dreams", "other.jsonl", "--out", "run");
    assertThat(other.code()).isEqualTo(ExitCode.FAILURE);
    assertThat(other.err()).contains("another dreams file");
    assertThat(api.batches().all()).hasSize(1);
  }

  @Test
  void cancelStopsTheBatches() {
    cli.run("batch", "submit", "--dreams", "dreams.jsonl", "--out", "run");
    Cli.Result cancel = cli.run("batch", "cancel", "--out", "run");
    assertThat(cancel.code()).as(cancel.all()).isZero();
    assertThat(cancel.out()).contains("cancelling");
  }

  @Test
  void aBadDreamLineIsAUsageErrorNamingTheLine() throws Exception {
    Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":\"d1\",\"content\":\"ok\"}\n{\"content\":\"no id\"}\n");
    Cli.Result r = cli.run("batch", "submit", "--dreams", "bad.jsonl", "--out", "run");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("line 2", "id");
    assertThat(api.requests().all()).isEmpty();
    assertThat(cli.run("batch", "status", "--out", "run").err()).contains("submit the dreams first");
  }

  private Process start(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "dev.reve.cli.Reve"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("process.log").toFile());
    pb.environment().put("OPENAI_API_KEY", Cli.KEY);
    pb.environment().put("OPENAI_BASE_URL", api.baseUrl());
    return pb.start();
  }

  @Test
  void aSubmitKilledWhileCreatingTheBatchResumesWithoutASecondUploadOrBatch() throws Exception {
    // The create request hangs, so the process is surely inside it when it is killed.
    api.faults().inject(FaultSpec.on(Requests.to("POST", "batches")).times(1)
        .respond(new MockResponse.Builder().code(200).headersDelay(20, TimeUnit.SECONDS).body("{}").build()));
    Process p = start("batch", "submit", "--dreams", "dreams.jsonl", "--out", "run");
    api.requests().awaitReceived(Requests.to("POST", "batches"), 1, Duration.ofSeconds(60));
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<String, Object> state = Json.object(Files.readString(dir.resolve("run/reve-batch.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> part = ((List<Map<String, Object>>) state.get("parts")).get(0);
    assertThat(part.get("fileId")).as("upload recorded before the kill").isNotNull();
    assertThat(part.get("batchId")).isNull();

    Cli.Result again = cli.run("batch", "submit", "--dreams", "dreams.jsonl", "--out", "run");
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(api.files().all()).hasSize(1);
    assertThat(api.batches().all()).hasSize(1);
  }

  @Test
  void theCommandRunsAsARealProcess() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (String[] args : List.of(
        new String[] {"batch", "submit", "--dreams", "dreams.jsonl", "--out", "run"},
        new String[] {"batch", "status", "--out", "run", "--wait", "--interval", "1s"},
        new String[] {"batch", "collect", "--out", "run", "--to", "results.jsonl"})) {
      List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
          "dev.reve.cli.Reve"));
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().put("OPENAI_API_KEY", Cli.KEY);
      pb.environment().put("OPENAI_BASE_URL", api.baseUrl());
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + output).isZero();
      assertThat(output).doesNotContain(Cli.KEY);
    }
    assertThat(lines(Files.readString(dir.resolve("results.jsonl")))).hasSize(4);
    assertThat(Files.getPosixFilePermissions(dir.resolve("run/reve-batch.json")).toString())
        .doesNotContain("GROUP", "OTHERS");
  }
}
