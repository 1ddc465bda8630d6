package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs that advance on a clock, and state that survives a restart. */
class PacedJobsAndStateTest {
  @TempDir Path dir;

  @Test
  void aPacedJobTakesOneStepPerIntervalWithOneTrainingStepAtATime() {
    VirtualTime clock = new VirtualTime();
    try (OpenAiEmulator api = OpenAiEmulator.builder().jobPace(JobPace.accelerated(clock)).start()) {
      Map<String, Object> file = Calls.upload(api.client(), "jung.jsonl", "fine-tune", Calls.jsonl(10));
      Map<String, Object> job = Calls.post(api.client(), "fine_tuning/jobs",
          Map.of("model", "gpt-4o-mini-2024-07-18", "training_file", file.get("id")));
      String id = (String) job.get("id");

      assertThat(status(api, id)).isEqualTo("validating_files");
      clock.advance(JobPace.ACCELERATED_STEP);
      assertThat(status(api, id)).isEqualTo("queued");
      clock.advance(JobPace.ACCELERATED_STEP);
      assertThat(status(api, id)).isEqualTo("running");
      clock.advance(JobPace.ACCELERATED_STEP.multipliedBy(2));
      assertThat(api.jobs().events(id).stream().filter(e -> e.type().equals("metrics")).toList()).hasSize(2);
      assertThat(status(api, id)).isEqualTo("running");
      clock.advance(JobPace.ACCELERATED_STEP.multipliedBy(3));
      assertThat(status(api, id)).isEqualTo("succeeded");
      List<StoredEvent> metrics = api.jobs().events(id).stream().filter(e -> e.type().equals("metrics")).toList();
      assertThat(metrics).extracting(e -> e.data().get("step")).containsExactly(1L, 2L, 3L, 4L);
      assertThat(api.models().contains(api.jobs().get(id).fineTunedModel().orElseThrow())).isTrue();
      // about ten seconds from creation to success
      assertThat(JobPace.ACCELERATED_STEP.multipliedBy(7)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
    }
  }

  @Test
  void aPausedPacedJobWaitsUntilResumed() {
    VirtualTime clock = new VirtualTime();
    try (OpenAiEmulator api = OpenAiEmulator.builder().jobPace(JobPace.accelerated(clock)).start()) {
      String file = api.files().add("a.jsonl", "fine-tune", Calls.jsonl(10).getBytes()).id();
      String id = (String) Calls.post(api.client(), "fine_tuning/jobs",
          Map.of("model", "gpt-4o-mini-2024-07-18", "training_file", file)).get("id");
      clock.advance(JobPace.ACCELERATED_STEP.multipliedBy(2));
      Calls.post(api.client(), "fine_tuning/jobs/" + id + "/pause", null);
      clock.advance(Duration.ofMinutes(5));
      assertThat(status(api, id)).isEqualTo("paused");
      Calls.post(api.client(), "fine_tuning/jobs/" + id + "/resume", null);
      clock.advance(Duration.ofMinutes(1));
      assertThat(status(api, id)).isEqualTo("succeeded");
    }
  }

  @Test
  void filesJobsAndModelsSurviveARestartInTheStateFolder() throws Exception {
    VirtualTime clock = new VirtualTime();
    String fileId;
    String jobId;
    String model;
    try (OpenAiEmulator api = OpenAiEmulator.builder().stateDirectory(dir).jobPace(JobPace.accelerated(clock)).start()) {
      fileId = (String) Calls.upload(api.client(), "jung.jsonl", "fine-tune", Calls.jsonl(5)).get("id");
      jobId = (String) Calls.post(api.client(), "fine_tuning/jobs",
          Map.of("model", "gpt-4o-mini-2024-07-18", "training_file", fileId, "suffix", "jung")).get("id");
      clock.advance(Duration.ofSeconds(3));
      assertThat(status(api, jobId)).isEqualTo("running");
      api.models().remove("gpt-4.1-nano");
      assertThatThrownBy(() -> OpenAiEmulator.builder().stateDirectory(dir).start())
          .hasMessageContaining("in use by another emulator");
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("state.json")))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    clock.advance(Duration.ofMinutes(1)); // the emulator was stopped meanwhile
    try (OpenAiEmulator api = OpenAiEmulator.builder().stateDirectory(dir).jobPace(JobPace.accelerated(clock)).start()) {
      assertThat(api.files().find(fileId).orElseThrow().text()).isEqualTo(Calls.jsonl(5));
      assertThat(status(api, jobId)).isEqualTo("succeeded");
      model = api.jobs().get(jobId).fineTunedModel().orElseThrow();
      assertThat(model).contains(":jung:");
      assertThat(api.models().contains(model)).isTrue();
      assertThat(api.models().contains("gpt-4.1-nano")).isFalse();
      String next = (String) Calls.upload(api.client(), "freud.jsonl", "fine-tune", Calls.jsonl(5)).get("id");
      assertThat(next).isNotEqualTo(fileId);
      Calls.delete(api.client(), "models/" + model);
    }
    try (OpenAiEmulator api = OpenAiEmulator.builder().stateDirectory(dir).start()) {
      assertThat(api.files().all()).hasSize(2);
      assertThat(api.jobs().events(jobId)).extracting(StoredEvent::message).contains("The job has successfully completed");
      assertThat(api.models().contains(model)).isFalse();
    }
  }

  private static String status(OpenAiEmulator api, String id) {
    return (String) Calls.get(api.client(), "fine_tuning/jobs/" + id, Map.of()).get("status");
  }
}
