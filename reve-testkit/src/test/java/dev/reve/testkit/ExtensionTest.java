package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtensionTest {
  private static final List<OpenAiEmulator> SEEN = new ArrayList<>();

  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension(b -> b.organization("acme"));

  @Test
  void eachTestStartsWithAnEmptyEmulatorWithItsSettings(OpenAiEmulator injected) {
    assertThat(injected).isSameAs(openai.emulator());
    assertThat(injected.files().all()).isEmpty();
    assertThat(injected.requests().all()).isEmpty();
    injected.files().add("a.jsonl", "fine-tune", new byte[] {'{', '}'});
    assertThat(injected.client().models().list()).isNotEmpty();
    SEEN.add(injected);
  }

  @Test
  void anotherTestGetsAnotherEmulator(OpenAiEmulator injected) {
    assertThat(injected.files().all()).isEmpty();
    assertThat(injected.requests().all()).isEmpty();
    injected.files().add("a.jsonl", "fine-tune", new byte[] {'{', '}'});
    assertThat(injected.client().models().list()).isNotEmpty();
    SEEN.add(injected);
  }

  @AfterAll
  static void theEmulatorsWereDistinctAndAreClosed() {
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    for (OpenAiEmulator emulator : SEEN) {
      assertThat(emulator.server().getStarted()).isTrue(); // started once; close() keeps the flag
    }
  }
}
