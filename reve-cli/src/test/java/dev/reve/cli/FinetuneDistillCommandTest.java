package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.Replies;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reve finetune distill} on the emulator: Jung fine-tuned on twelve committed examples
 * (one-turn and multi-turn), promoted into the models file, then distilled back.
 */
@SuppressWarnings("unchecked")
class FinetuneDistillCommandTest {
  @TempDir Path dir;
  private OpenAiEmulator api;
  private Cli cli;
  private String model;
  private Path training;
  private int answers;

  @BeforeEach
  void fineTuneAndPromoteJung() throws Exception {
    api = OpenAiEmulator.builder().trainedAnswers().start();
    cli = Cli.against(api, dir);
    List<String> lines = Files.readAllLines(Path.of("..", "training-data", "jung-examples.jsonl")).subList(0, 12);
    training = dir.resolve("training-data/jung-examples.jsonl");
    Files.createDirectories(training.getParent());
    Files.write(training, lines, StandardCharsets.UTF_8);
    StoredFile file = api.files().add("jung-examples.jsonl", "fine-tune", Files.readAllBytes(training));
    model = api.jobs().succeed(api.jobs().add("gpt-4o-2024-08-06", file.id(), Map.of()));
    Files.writeString(dir.resolve("reve-models.properties"), "jung.model=" + model + "\n");
    answers = lines.stream().mapToInt(l -> l.split("\"role\":\"assistant\"", -1).length - 1).sum();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private int chatRequests() {
    return api.requests().received(Requests.chat(model)).size();
  }

  @Test
  void distilsTheConfiguredModelIntoAValidatedSetWithProvenanceAndWarnsWithTheDaysLeft() throws Exception {
    Cli.Result run = cli.run("finetune", "distill", "--analyst", "jung");

    assertThat(run.code()).as(run.all()).isEqualTo(0);
    Path out = dir.resolve("distilled/jung-examples.jsonl");
    assertThat(Files.readString(out)).isEqualTo(Files.readString(training));
    assertThat(answers).isGreaterThan(12);
    assertThat(chatRequests()).isEqualTo(answers);
    assertThat(run.err()).contains("Distilling jung with " + model)
        .contains("reve-models.properties: jung.model")
        .contains("warning: " + model + " shuts down on 2027-01-14: 50 days left");
    assertThat(run.out()).contains("12 examples, 0 errors").contains("Wrote distilled/jung-examples.jsonl: 12 examples")
        .contains("Provenance: distilled/jung-examples.provenance.json");
    String provenance = Files.readString(dir.resolve("distilled/jung-examples.provenance.json"));
    assertThat(provenance).contains("\"model\": \"" + model + "\"").contains("\"distilled_on\": \"2026-11-25\"");
    for (String text : List.of(run.all(), provenance, Files.readString(dir.resolve("distilled/jung-examples.journal.json")))) {
      assertThat(text).doesNotContain(Cli.KEY);
    }
  }

  @Test
  void aRerunAfterAFailedRequestAsksOnlyTheRest() throws Exception {
    api.faults().inject(FaultSpec.on(Requests.chat(model)).skip(5)
        .respond(Replies.error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key")));
    Cli.Result broken = cli.run("finetune", "distill", "--analyst", "jung", "--concurrency", "1");

    assertThat(broken.code()).as(broken.all()).isEqualTo(3);
    assertThat(broken.err()).contains("HTTP 401");
    assertThat(dir.resolve("distilled/jung-examples.jsonl")).doesNotExist();
    api.requests().clear();

    Cli.Result rerun = cli.run("finetune", "distill", "--analyst", "jung", "--concurrency", "1");

    assertThat(rerun.code()).as(rerun.all()).isEqualTo(0);
    assertThat(rerun.err()).contains("5 already in the journal; asking for " + (answers - 5));
    assertThat(chatRequests()).isEqualTo(answers - 5);
    assertThat(Files.readString(dir.resolve("distilled/jung-examples.jsonl"))).isEqualTo(Files.readString(training));
  }

  @Test
  void jsonExtraDreamsAndAnotherOutput() throws Exception {
    Path dreams = dir.resolve("more.jsonl");
    Files.writeString(dreams, "{\"id\": \"owl\", \"content\": \"An owl sat on my bed and read my letters aloud.\"}\n");

    Cli.Result run = cli.run("finetune", "distill", "--analyst", "jung", "--dreams", "more.jsonl",
        "--out", "carry/jung-v2.jsonl", "--json");

    assertThat(run.code()).as(run.all()).isEqualTo(0);
    Map<String, Object> doc = Json.object(run.out());
    assertThat(doc).containsEntry("analyst", "jung").containsEntry("model", model).containsEntry("written", true)
        .containsEntry("output", "carry/jung-v2.jsonl").containsEntry("shutdown_date", "2027-01-14");
    assertThat(((Number) doc.get("examples")).intValue()).isEqualTo(13);
    assertThat(((Number) doc.get("days_left")).intValue()).isEqualTo(50);
    assertThat(Files.readAllLines(dir.resolve("carry/jung-v2.jsonl"))).hasSize(13);
    assertThat(dir.resolve("carry/jung-v2.provenance.json")).exists();
    assertThat(dir.resolve("carry/jung-v2.journal.json")).exists();
  }

  @Test
  void anAnalystWithoutAFineTunedModelOrATrainingFileIsAClearError() throws Exception {
    Files.delete(dir.resolve("reve-models.properties"));
    Cli.Result base = cli.run("finetune", "distill", "--analyst", "jung");
    assertThat(base.code()).isEqualTo(1);
    assertThat(base.err()).contains("jung has no model of its own").doesNotContain("Exception");

    Cli.Result missing = cli.run("finetune", "distill", "--analyst", "freud", "--model", model);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("training-data/freud-examples.jsonl does not exist");

    Cli.Result unknown = cli.run("finetune", "distill", "--analyst", "adler");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(api.requests().received(Requests.to("POST", "chat/completions"))).isEmpty();
  }

  @Test
  void withBatchTheFirstRunSubmitsAndALaterRunCollectsAndWrites() throws Exception {
    Cli.Result submit = cli.run("finetune", "distill", "--analyst", "jung", "--batch");

    assertThat(submit.code()).as(submit.all()).isEqualTo(0);
    assertThat(submit.out()).contains("Batches: 0 of 1 batches finished").contains("run again");
    assertThat(api.batches().all()).hasSize(1);
    assertThat(dir.resolve("distilled/jung-examples.jsonl")).doesNotExist();
    assertThat(dir.resolve("distilled/jung-examples.batch")).isDirectory();

    Cli.Result collect = cli.run("finetune", "distill", "--analyst", "jung", "--batch", "--wait", "2h");

    assertThat(collect.code()).as(collect.all()).isEqualTo(0);
    assertThat(api.batches().all()).hasSize(1);
    assertThat(chatRequests()).isEqualTo(answers - 12);
    assertThat(Files.readString(dir.resolve("distilled/jung-examples.jsonl"))).isEqualTo(Files.readString(training));
    assertThat(cli.run("finetune", "distill", "--analyst", "jung", "--wait", "1m").code()).isEqualTo(2);
  }

  @Test
  void aProcessKilledMidRunLeavesAReadableJournalAndTheRerunAsksOnlyWhatItLacks() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch fourthArrived = new CountDownLatch(1);
    AtomicInteger seen = new AtomicInteger();
    dev.reve.testkit.TrainedAnswers trained = new dev.reve.testkit.TrainedAnswers(api);
    api.chat().respondWith(model, call -> {
      if (seen.incrementAndGet() == 4) {
        fourthArrived.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return trained.reply(call);
    });
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.reve.cli.Reve",
        "finetune", "distill", "--analyst", "jung", "--concurrency", "1")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("process.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("REVE_"));
    builder.environment().put("OPENAI_API_KEY", Cli.KEY);
    builder.environment().put("OPENAI_BASE_URL", api.baseUrl());
    Process process = builder.start();
    try {
      assertThat(fourthArrived.await(120, TimeUnit.SECONDS))
          .as("the fourth request never came: %s", Files.exists(dir.resolve("process.log"))
              ? Files.readString(dir.resolve("process.log")) : "")
          .isTrue();
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      process.destroyForcibly();
    }
    Path journal = dir.resolve("distilled/jung-examples.journal.json");
    Map<String, Object> killed = Json.object(Files.readString(journal));
    int journalled = ((Map<String, Object>) killed.get("entries")).values().stream()
        .mapToInt(e -> ((List<?>) ((Map<String, Object>) e).get("answers")).size()).sum();
    assertThat(journalled).isEqualTo(3);
    assertThat(dir.resolve("distilled/jung-examples.jsonl")).doesNotExist();
    api.requests().clear();

    Cli.Result rerun = cli.run("finetune", "distill", "--analyst", "jung");

    assertThat(rerun.code()).as(rerun.all()).isEqualTo(0);
    assertThat(chatRequests()).isEqualTo(answers - journalled);
    assertThat(Files.readString(dir.resolve("distilled/jung-examples.jsonl"))).isEqualTo(Files.readString(training));
  }
}
