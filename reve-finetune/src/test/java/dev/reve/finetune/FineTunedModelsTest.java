package dev.reve.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.models.Model;
import dev.reve.testing.FakeClock;
import dev.reve.testing.FakeSleeper;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FineTunedModelsTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeOpenAi fake = new FakeOpenAi();
  private final FakeClock clock = TestClients.clock();
  private FineTuningService service;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(fake);
    server.start();
    service = TestClients.service(server, new FakeSleeper(clock), clock);
    fake.addModel("gpt-4o-mini-2024-07-18", "system");
    fake.addModel("ft:gpt-4o-mini-2024-07-18:acme:jung:A1", "acme");
    fake.addModel("ft:gpt-4o-mini-2024-07-18:other:freud:B2", "other");
  }

  @AfterEach
  void stop() {
    service.client().close();
    server.close();
  }

  @Test
  void listsOnlyFineTunedModelsOptionallyByOwner() {
    assertThat(service.models().list()).extracting(Model::id)
        .containsExactly("ft:gpt-4o-mini-2024-07-18:acme:jung:A1", "ft:gpt-4o-mini-2024-07-18:other:freud:B2");
    assertThat(service.models().list("acme")).extracting(Model::id)
        .containsExactly("ft:gpt-4o-mini-2024-07-18:acme:jung:A1");
  }

  @Test
  void deletesAFineTunedModelButNeverABaseModel() {
    assertThat(service.models().delete("ft:gpt-4o-mini-2024-07-18:acme:jung:A1").deleted()).isTrue();
    assertThat(fake.succeeded("DELETE", "models/ft:gpt-4o-mini-2024-07-18:acme:jung:A1")).hasSize(1);
    assertThatThrownBy(() -> service.models().delete("gpt-4o-mini-2024-07-18"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a fine-tuned model id");
    assertThat(fake.log()).noneMatch(l -> l.method().equals("DELETE") && l.path().endsWith("gpt-4o-mini-2024-07-18"));
  }

  @Test
  void theKeyNeverAppearsInRefusals() {
    fake.failNext("POST", "fine_tuning/jobs", FakeOpenAi.json(403, FakeOpenAi.error(
        "Fine-tuning is not available for key " + TestClients.KEY)));
    assertThatThrownBy(() -> service.jobs().create(CreateJobRequest.builder("m", "file-1").build()))
        .isInstanceOf(FineTuningUnavailableException.class)
        .hasMessageNotContaining(TestClients.KEY)
        .hasMessageContaining("[redacted]");
  }
}
