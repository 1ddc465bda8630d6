package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.error.PermissionDeniedException;
import dev.reve.openai.models.Model;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelsEmulationTest {
  @RegisterExtension
  final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension(b -> b
      .models(StoredModel.of("gpt-4o-mini").created(1_721_172_741L),
          StoredModel.of("babbage-002").created(1_692_634_615L).shutdownOn(LocalDate.parse("2026-10-01")))
      .organization("acme"));

  @Test
  void listAndRetrieveServeTheConfiguredModelsWithTheirShutdownDates() {
    assertThat(openai.client().models().list()).extracting(Model::id).containsExactly("gpt-4o-mini", "babbage-002");
    Model babbage = openai.client().models().retrieve("babbage-002");
    assertThat(babbage.shutdownDate()).contains("2026-10-01");
    assertThat(babbage.ownedBy()).contains("system");
    assertThat(openai.client().models().retrieve("gpt-4o-mini").shutdownDate()).isEmpty();
  }

  @Test
  void anUnknownModelIs404AndABaseModelCannotBeDeleted() {
    assertThatThrownBy(() -> openai.client().models().retrieve("gpt-5-nope"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
    assertThatThrownBy(() -> openai.client().models().delete("gpt-4o-mini"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(openai.emulator().models().find("gpt-4o-mini")).isPresent();
  }

  @Test
  void aSucceededJobsModelIsListedOwnedByTheOrganizationAndCanBeDeleted() {
    OpenAiEmulator emulator = openai.emulator();
    StoredFile file = emulator.files().add("jung.jsonl", "fine-tune", Calls.jsonl(10).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String job = emulator.jobs().add("gpt-4o-mini", file.id(), java.util.Map.of());

    String model = emulator.jobs().succeed(job);

    assertThat(model).startsWith("ft:gpt-4o-mini:acme::emu");
    Model listed = openai.client().models().retrieve(model);
    assertThat(listed.ownedBy()).contains("acme");
    assertThat(openai.client().models().delete(model).deleted()).isTrue();
    assertThat(emulator.models().find(model)).isEmpty();
    assertThatThrownBy(() -> openai.client().models().delete(model)).isInstanceOf(NotFoundException.class);
  }
}
