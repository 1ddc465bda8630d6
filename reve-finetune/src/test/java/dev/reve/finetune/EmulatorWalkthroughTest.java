package dev.reve.finetune;

import dev.reve.openai.files.UploadedFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.testkit.ChatReply;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Requests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The walkthrough in docs/testkit.md, run: fine-tune with the SDK, then chat with the result. */
class EmulatorWalkthroughTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();

  @Test
  void fineTunesThenAnswersWithTheNewModel(@TempDir Path dir) throws Exception {
    OpenAiEmulator emulator = openai.emulator();
    FineTuningService service = FineTuningService.builder(openai.client())
        .sleeper(emulator.time()).clock(emulator.time()).build();
    Path data = Files.writeString(dir.resolve("jung.jsonl"),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"A house.\"},{\"role\":\"assistant\",\"content\":\"Whose?\"}]}\n");

    UploadedFile file = service.files().upload(data);
    FineTuningJob job = service.jobs().create(
        CreateJobRequest.builder("gpt-4o-mini-2024-07-18", file.id()).suffix("jung").build());
    String model = emulator.jobs().succeed(job.id());
    emulator.chat().respondWith(model, call -> ChatReply.text("Tell me first what the house means to you."));

    FineTuningJob done = service.jobs().retrieve(job.id());
    String answer = openai.client().chat().create(ChatRequest.builder()
        .model(done.fineTunedModel().orElseThrow())
        .addMessage(ChatMessage.user("I was in a house."))
        .build()).text().orElseThrow();

    assertThat(answer).startsWith("Tell me first");
    assertThat(done.state()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(service.jobs().events(job.id(), null, 50).data())
        .anySatisfy(e -> assertThat(e.metrics()).isPresent());
    assertThat(emulator.requests().applied(Requests.to("POST", "files"))).hasSize(1);
    assertThat(emulator.jobs().all()).singleElement().satisfies(j -> assertThat(j.suffix()).contains("jung"));
  }
}
