package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.ApiTimeoutException;
import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.RateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();

  private OpenAiClient noRetries() {
    return openai.emulator().clientBuilder().maxRetries(0).readTimeout(Duration.ofMillis(300)).build();
  }

  @Test
  void failNextRefusesWithoutActingAndTheClientsRetryGetsThrough() {
    OpenAiEmulator emulator = openai.emulator();
    FaultHandle fault = emulator.faults().failNext(Requests.to("POST", "files"), 2, Replies.serverError());

    Calls.upload(openai.client(), "jung.jsonl", "fine-tune", Calls.jsonl(2));

    assertThat(fault.served()).isEqualTo(2);
    assertThat(fault.spent()).isTrue();
    assertThat(emulator.files().all()).hasSize(1);
    assertThat(emulator.requests().all()).extracting(LoggedRequest::outcome).containsExactly(
        LoggedRequest.Outcome.FAULTED, LoggedRequest.Outcome.FAULTED, LoggedRequest.Outcome.ANSWERED);
    assertThat(emulator.requests().applied(Requests.to("POST", "files"))).hasSize(1);
    // the retries waited on virtual time, not real time
    assertThat(emulator.time().waits()).hasSize(2);
  }

  @Test
  void aLostUploadAnswerLeavesTheFileStored() {
    OpenAiEmulator emulator = openai.emulator();
    emulator.faults().loseNextAnswers(Requests.uploadNamed("freud"), 1, AnswerLoss.DROP_CONNECTION);

    try (OpenAiClient client = noRetries()) {
      Calls.upload(client, "jung.jsonl", "fine-tune", Calls.jsonl(2));
      assertThatThrownBy(() -> Calls.upload(client, "freud.jsonl", "fine-tune", Calls.jsonl(2)))
          .isInstanceOf(ApiConnectionException.class);
    }

    assertThat(emulator.files().all()).extracting(StoredFile::filename).containsExactly("jung.jsonl", "freud.jsonl");
    assertThat(emulator.requests().applied(Requests.uploadNamed("freud"))).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(LoggedRequest.Outcome.ANSWER_LOST));
    assertThat(emulator.requests().all()).filteredOn(LoggedRequest::answered).hasSize(1);
  }

  @Test
  void lostAnswersComeAsA504ACutBodyOrSilence() {
    OpenAiEmulator emulator = openai.emulator();
    String file = emulator.files().add("jung.jsonl", "fine-tune", Calls.jsonl(10).getBytes(java.nio.charset.StandardCharsets.UTF_8)).id();
    var create = Requests.to("POST", "fine_tuning/jobs");
    Map<String, Object> body = Map.of("model", "gpt-4o-mini", "training_file", file);
    emulator.faults().inject(FaultSpec.on(create).afterActing(AnswerLoss.GATEWAY_TIMEOUT));
    emulator.faults().inject(FaultSpec.on(create).skip(1).afterActing(AnswerLoss.CUT_MID_BODY));
    emulator.faults().inject(FaultSpec.on(create).skip(2).afterActing(AnswerLoss.STALL));

    try (OpenAiClient client = noRetries()) {
      assertThatThrownBy(() -> Calls.post(client, "fine_tuning/jobs", body)).isInstanceOf(InternalServerException.class);
      assertThatThrownBy(() -> Calls.post(client, "fine_tuning/jobs", body)).isInstanceOf(ApiConnectionException.class);
      assertThatThrownBy(() -> Calls.post(client, "fine_tuning/jobs", body)).isInstanceOf(ApiTimeoutException.class);
      Calls.post(client, "fine_tuning/jobs", body);
    }

    // four created jobs: the emulator acted every time, three answers were lost
    assertThat(emulator.jobs().all()).hasSize(4);
    assertThat(emulator.requests().matching(create)).extracting(LoggedRequest::outcome).containsExactly(
        LoggedRequest.Outcome.ANSWER_LOST, LoggedRequest.Outcome.ANSWER_LOST, LoggedRequest.Outcome.ANSWER_LOST,
        LoggedRequest.Outcome.ANSWERED);
  }

  @Test
  void skipTimesAndCancelShapeWhichRequestsMeetTheFault() {
    OpenAiEmulator emulator = openai.emulator();
    FaultHandle fault = emulator.faults().inject(FaultSpec.on(Requests.to("GET", "models"))
        .skip(1).times(Integer.MAX_VALUE).respond(r -> Replies.rateLimited(1)));

    try (OpenAiClient client = noRetries()) {
      assertThat(client.models().list()).isNotEmpty();
      assertThatThrownBy(() -> client.models().list()).isInstanceOf(RateLimitException.class);
      assertThatThrownBy(() -> client.models().list()).isInstanceOf(RateLimitException.class);
      fault.cancel();
      assertThat(client.models().list()).isNotEmpty();
      // other paths never met it
      assertThat(client.models().retrieve("gpt-4o").id()).isEqualTo("gpt-4o");
    }
    assertThat(fault.served()).isEqualTo(2);
  }

  @Test
  void aPredicateOnTheBodyAimsTheFaultAtOneAnalyst() {
    OpenAiEmulator emulator = openai.emulator();
    String file = emulator.files().add("data.jsonl", "fine-tune", Calls.jsonl(10).getBytes(java.nio.charset.StandardCharsets.UTF_8)).id();
    emulator.faults().failNext(Requests.to("POST", "fine_tuning/jobs").and(Requests.withMetadata("reve_analyst", "freud")), 1,
        Replies.error(403, "Fine-tuning is not available for your organization."));

    try (OpenAiClient client = noRetries()) {
      for (String analyst : List.of("jung", "freud", "freud")) {
        try {
          Calls.post(client, "fine_tuning/jobs",
              Map.of("model", "gpt-4o-mini", "training_file", file, "metadata", Map.of("reve_analyst", analyst)));
        } catch (RuntimeException refused) {
          assertThat(analyst).isEqualTo("freud");
        }
      }
    }
    assertThat(emulator.jobs().all()).extracting(j -> j.metadata().get("reve_analyst")).containsExactly("jung", "freud");
    assertThat(emulator.requests().all()).extracting(LoggedRequest::status).containsExactly(200, 403, 200);
  }
}
