package dev.reve.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.models.Model;
import dev.reve.testkit.VirtualTime;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Replies;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FineTunedModelsTest {
  @RegisterExtension
  final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension(b -> b.organization("acme"));
  private OpenAiEmulator fake;
  private final VirtualTime time = TestClients.time();
  private FineTuningService service;

  @BeforeEach
  void start() {
    fake = openai.emulator();
    service = TestClients.service(fake, time);
    fake.models().add(StoredModel.of("gpt-4o-mini-2024-07-18").ownedBy("system"));
    fake.models().add(StoredModel.of("ft:gpt-4o-mini-2024-07-18:acme:jung:A1").ownedBy("acme"));
    fake.models().add(StoredModel.of("ft:gpt-4o-mini-2024-07-18:other:freud:B2").ownedBy("other"));
  }

  @AfterEach
  void stop() {
    service.client().close();
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
    assertThat(fake.requests().applied(Requests.to("DELETE", "models/ft:gpt-4o-mini-2024-07-18:acme:jung:A1"))).hasSize(1);
    assertThatThrownBy(() -> service.models().delete("gpt-4o-mini-2024-07-18"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a fine-tuned model id");
    assertThat(fake.requests().all()).noneMatch(l -> l.method().equals("DELETE") && l.path().endsWith("gpt-4o-mini-2024-07-18"));
  }

  @Test
  void theKeyNeverAppearsInRefusals() {
    fake.faults().failNext(Requests.to("POST", "fine_tuning/jobs"), 1, Replies.error(403,
        "Fine-tuning is not available for key " + TestClients.KEY));
    assertThatThrownBy(() -> service.jobs().create(CreateJobRequest.builder("m", "file-1").build()))
        .isInstanceOf(FineTuningUnavailableException.class)
        .hasMessageNotContaining(TestClients.KEY)
        .hasMessageContaining("[redacted]");
  }
}
