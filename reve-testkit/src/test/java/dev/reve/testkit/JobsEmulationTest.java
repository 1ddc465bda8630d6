package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.OpenAiClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobsEmulationTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension(b -> b.trainingSteps(3));

  private String upload(String name) {
    return (String) Calls.upload(openai.client(), name, "fine-tune", Calls.jsonl(10)).get("id");
  }

  private Map<String, Object> create(String file, String analyst) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", "gpt-4o-mini-2024-07-18");
    body.put("training_file", file);
    body.put("suffix", analyst);
    body.put("metadata", Map.of("reve_analyst", analyst));
    body.put("method", Map.of("type", "supervised", "supervised",
        Map.of("hyperparameters", Map.of("n_epochs", 3, "batch_size", "auto"))));
    return Calls.post(openai.client(), "fine_tuning/jobs", body);
  }

  private static Map<String, Object> job(OpenAiClient client, String id) {
    return Calls.get(client, "fine_tuning/jobs/" + id, Map.of());
  }

  @Test
  void createStoresTheRequestAndStartsInValidatingFiles() {
    String file = upload("jung.jsonl");

    Map<String, Object> created = create(file, "jung");

    StoredJob stored = openai.emulator().jobs().all().get(0);
    assertThat(created).containsEntry("id", stored.id()).containsEntry("object", "fine_tuning.job")
        .containsEntry("status", "validating_files").containsEntry("training_file", file)
        .containsEntry("model", "gpt-4o-mini-2024-07-18").containsEntry("fine_tuned_model", null)
        .containsEntry("metadata", Map.of("reve_analyst", "jung"));
    assertThat(stored.suffix()).contains("jung");
    assertThat(stored.metadata()).containsExactly(Map.entry("reve_analyst", "jung"));
    assertThat(stored.requestBody()).contains("\"n_epochs\":3");
    assertThat(stored.method()).containsEntry("type", "supervised");
  }

  @Test
  void createChecksTheFileTheModelAndTheLimits() {
    OpenAiClient client = openai.client();
    assertThatThrownBy(() -> create("file-nope", "jung"))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("training_file");
          assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("file-nope"));
        });
    String batchFile = (String) Calls.upload(client, "b.jsonl", "batch", "{}\n").get("id");
    assertThatThrownBy(() -> create(batchFile, "jung")).hasMessageContaining("purpose 'fine-tune'");
    String file = upload("jung.jsonl");
    assertThatThrownBy(() -> Calls.post(client, "fine_tuning/jobs", Map.of("model", "davinci-9", "training_file", file)))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).contains("model_not_available"));
    assertThatThrownBy(() -> Calls.post(client, "fine_tuning/jobs",
        Map.of("model", "gpt-4o-mini", "training_file", file, "suffix", "x".repeat(65))))
        .hasMessageContaining("suffix");
    assertThat(openai.emulator().jobs().all()).isEmpty();
  }

  @Test
  void listIsNewestFirstPagesAndFiltersByMetadata() {
    String file = upload("data.jsonl");
    List<String> ids = new java.util.ArrayList<>();
    for (String analyst : List.of("jung", "freud", "jung", "freud", "jung")) {
      ids.add((String) create(file, analyst).get("id"));
    }
    OpenAiClient client = openai.client();

    Map<String, Object> first = Calls.get(client, "fine_tuning/jobs", Map.of("limit", 2));
    assertThat(Calls.ids(first)).containsExactly(ids.get(4), ids.get(3));
    assertThat(first).containsEntry("has_more", true);
    Map<String, Object> rest = Calls.get(client, "fine_tuning/jobs", Map.of("limit", 10, "after", ids.get(3)));
    assertThat(Calls.ids(rest)).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    assertThat(rest).containsEntry("has_more", false);
    Map<String, Object> jung = Calls.get(client, "fine_tuning/jobs", Map.of("metadata[reve_analyst]", "jung"));
    assertThat(Calls.ids(jung)).containsExactly(ids.get(4), ids.get(2), ids.get(0));
    assertThat(Calls.ids(Calls.get(client, "fine_tuning/jobs", Map.of("metadata[reve_analyst]", "adler")))).isEmpty();
  }

  @Test
  void advanceWalksTheLifecycleWithEventsMetricsAndACheckpoint() {
    String id = (String) create(upload("jung.jsonl"), "jung").get("id");
    OpenAiEmulator emulator = openai.emulator();
    OpenAiClient client = openai.client();

    assertThat(emulator.jobs().advance(id)).isEqualTo("queued");
    assertThat(job(client, id)).containsEntry("status", "queued");
    assertThat(emulator.jobs().advance(id)).isEqualTo("running");
    assertThat(emulator.jobs().advance(id)).isEqualTo("succeeded");

    Map<String, Object> done = job(client, id);
    String model = (String) done.get("fine_tuned_model");
    assertThat(model).isEqualTo("ft:gpt-4o-mini-2024-07-18:emulator:jung:" + model.substring(model.lastIndexOf(':') + 1));
    assertThat(done.get("finished_at")).isNotNull();
    assertThat(emulator.models().find(model)).isPresent();
    List<Map<String, Object>> events = Calls.data(Calls.get(client, "fine_tuning/jobs/" + id + "/events", Map.of("limit", 50)));
    assertThat(events.get(0)).containsEntry("message", "The job has successfully completed");
    List<Map<String, Object>> metrics = events.stream().filter(e -> "metrics".equals(e.get("type"))).toList();
    assertThat(metrics).hasSize(3);
    @SuppressWarnings("unchecked")
    Map<String, Object> lastStep = (Map<String, Object>) metrics.get(0).get("data");
    assertThat(lastStep).containsEntry("step", 3.0).containsEntry("total_steps", 3.0).containsKey("train_loss");
    assertThat(metrics.get(0).get("message")).asString().startsWith("Step 3/3: training loss=");
    assertThat(emulator.jobs().events(id)).extracting(StoredEvent::message)
        .startsWith("Validating training file: " + emulator.jobs().get(id).trainingFile(),
            "Files validated, moving job to queued state", "Fine-tuning job started");
    List<Map<String, Object>> checkpoints = Calls.data(Calls.get(client, "fine_tuning/jobs/" + id + "/checkpoints", Map.of()));
    assertThat(checkpoints).singleElement().satisfies(c -> assertThat(c)
        .containsEntry("step_number", 3.0).containsEntry("fine_tuning_job_id", id)
        .containsEntry("fine_tuned_model_checkpoint", model + ":ckpt-step-3"));
    Map<String, Object> olderEvents = Calls.get(client, "fine_tuning/jobs/" + id + "/events",
        Map.of("limit", 2, "after", events.get(1).get("id")));
    assertThat(Calls.ids(olderEvents)).containsExactly(events.get(2).get("id"), events.get(3).get("id"));
    assertThatThrownBy(() -> emulator.jobs().advance(id)).isInstanceOf(IllegalStateException.class).hasMessageContaining("succeeded");
  }

  @Test
  void cancelPauseAndResumeFollowTheRules() {
    String id = (String) create(upload("jung.jsonl"), "jung").get("id");
    OpenAiClient client = openai.client();
    OpenAiEmulator emulator = openai.emulator();

    assertThatThrownBy(() -> Calls.post(client, "fine_tuning/jobs/" + id + "/pause", null))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("only a running job");
    emulator.jobs().advance(id);
    emulator.jobs().advance(id);
    assertThat(Calls.post(client, "fine_tuning/jobs/" + id + "/pause", null)).containsEntry("status", "paused");
    assertThat(Calls.post(client, "fine_tuning/jobs/" + id + "/resume", null)).containsEntry("status", "running");
    assertThat(Calls.post(client, "fine_tuning/jobs/" + id + "/cancel", null)).containsEntry("status", "cancelled");
    assertThatThrownBy(() -> Calls.post(client, "fine_tuning/jobs/" + id + "/cancel", null))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> job(client, "ftjob-nope")).isInstanceOf(NotFoundException.class);
    assertThat(emulator.jobs().events(id)).extracting(StoredEvent::message)
        .contains("Fine-tuning job paused", "Fine-tuning job resumed", "Fine-tuning job cancelled");
  }

  @Test
  void failSetsTheErrorAndEditJobChangesFieldsWithoutEvents() {
    String file = upload("jung.jsonl");
    String failed = (String) create(file, "jung").get("id");
    String edited = (String) create(file, "freud").get("id");
    OpenAiEmulator emulator = openai.emulator();

    emulator.jobs().fail(failed, "invalid_training_file", "Example 7 has no assistant message");
    emulator.jobs().edit(edited, e -> e.status("succeeded").fineTunedModel("ft:gpt-4o-mini:acme:freud:X1"));

    Map<String, Object> failure = job(openai.client(), failed);
    assertThat(failure).containsEntry("status", "failed");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) failure.get("error");
    assertThat(error).containsEntry("code", "invalid_training_file")
        .containsEntry("message", "Example 7 has no assistant message").containsEntry("param", null);
    assertThat(emulator.jobs().get(failed).error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("invalid_training_file"));
    assertThat(emulator.jobs().events(failed)).singleElement().satisfies(e -> assertThat(e.level()).isEqualTo("error"));
    assertThat(emulator.jobs().events(edited)).isEmpty();
    assertThat(job(openai.client(), edited)).containsEntry("fine_tuned_model", "ft:gpt-4o-mini:acme:freud:X1");
    assertThat(emulator.models().find("ft:gpt-4o-mini:acme:freud:X1")).isPresent();
    assertThatThrownBy(() -> emulator.jobs().fail(failed, "x", "y")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void scriptedRetrievalsRunOneStepEach() {
    String id = (String) create(upload("jung.jsonl"), "jung").get("id");
    OpenAiEmulator emulator = openai.emulator();
    emulator.jobs().onRetrieve(id,
        () -> emulator.jobs().edit(id, e -> e.status("running")),
        () -> emulator.jobs().addMetrics(id, 5, 10, 1.2));

    assertThat(job(openai.client(), id)).containsEntry("status", "running");
    assertThat(emulator.jobs().events(id)).isEmpty();
    job(openai.client(), id);
    assertThat(emulator.jobs().events(id)).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("Step 5/10: training loss=1.20");
      assertThat(e.data()).containsEntry("step", 5L).containsEntry("train_loss", 1.2);
    });
    job(openai.client(), id);
    assertThat(emulator.jobs().events(id)).hasSize(1);
  }

  @Test
  void jobsCanAdvanceByThemselvesEveryNRetrievals() {
    try (OpenAiEmulator auto = OpenAiEmulator.builder().advanceJobsEvery(2).start()) {
      StoredFile file = auto.files().add("jung.jsonl", "fine-tune", Calls.jsonl(10).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String id = (String) Calls.post(auto.client(), "fine_tuning/jobs",
          Map.of("model", "gpt-4o-mini", "training_file", file.id())).get("id");
      List<Object> seen = new java.util.ArrayList<>();
      for (int i = 0; i < 7; i++) {
        seen.add(job(auto.client(), id).get("status"));
      }
      assertThat(seen).containsExactly("validating_files", "queued", "queued", "running", "running", "succeeded",
          "succeeded");
    }
  }
}
