package dev.reve.finetune.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.finetune.support.RepoFiles;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.openai.error.AuthenticationException;
import dev.reve.openai.spi.Json;
import dev.reve.testkit.ChatReply;
import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.Replies;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredFile;
import dev.reve.testkit.StoredModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distillation against the emulator, whose fine-tuned model answers with the closest example of
 * the file it was trained on: distilling the committed training file must give it back byte for
 * byte, one-turn and multi-turn examples alike.
 */
class DistillationTest {
  private static final Clock DEC_4 = Clock.fixed(Instant.parse("2026-12-04T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private OpenAiEmulator api;
  private Path training;
  private String model;
  private int answersNeeded;

  @BeforeEach
  void fineTuneJungOnTheCommittedFile() throws Exception {
    api = OpenAiEmulator.builder().trainedAnswers().start();
    training = RepoFiles.trainingData().resolve("jung-examples.jsonl");
    StoredFile file = api.files().add("jung-examples.jsonl", "fine-tune", Files.readAllBytes(training));
    model = api.jobs().succeed(api.jobs().add("gpt-4o-2024-08-06", file.id(), Map.of()));
    answersNeeded = TrainingExample.readJsonl(training).stream()
        .mapToInt(e -> (int) e.messages().stream().filter(m -> m.role().equals("assistant")).count())
        .sum();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private DreamAnalysts analysts(String jungModel) {
    ModelResolver.Builder resolver = ModelResolver.builder().isolated();
    if (jungModel != null) {
      resolver.model("jung", jungModel);
    }
    return DreamAnalysts.builder(api.client()).resolver(resolver.build()).clock(DEC_4).build();
  }

  private DistillOptions.Builder options() {
    return DistillOptions.builder("jung").trainingFile(training).output(dir.resolve("jung-examples.jsonl"))
        .clock(DEC_4);
  }

  private int chatRequests() {
    return api.requests().received(Requests.chat(model)).size();
  }

  @Test
  void theDistilledSetOfTheEmulatedModelIsItsTrainingFileWithProvenanceAndAnOwnerOnlyJournal() throws Exception {
    DistillResult result;
    try (DreamAnalysts analysts = analysts(model)) {
      result = Distillation.of(api.client(), analysts, options().build()).run();
    }

    assertThat(result.ok()).as(result.report().summary()).isTrue();
    assertThat(result.report().errorCount()).isZero();
    assertThat(Files.readString(dir.resolve("jung-examples.jsonl"))).isEqualTo(Files.readString(training));
    assertThat(result.examples()).isEqualTo(135);
    assertThat(result.rejected()).isEmpty();
    assertThat(result.skipped()).isEmpty();
    assertThat(result.asked()).isEqualTo(answersNeeded).isGreaterThan(135);
    assertThat(chatRequests()).isEqualTo(answersNeeded);

    Map<String, Object> provenance = Json.MAP.fromJson(Files.readString(result.provenance()));
    assertThat(provenance).containsEntry("analyst", "jung").containsEntry("model", model)
        .containsEntry("distilled_on", "2026-12-04").containsEntry("shutdown_date", "2027-01-14")
        .containsEntry("prompt_fingerprint", Distillation.promptFingerprint(dev.reve.analysis.BuiltInAnalysts.JUNG));
    assertThat(((Number) provenance.get("days_left")).longValue()).isEqualTo(41);
    assertThat(provenance.get("base_url_host")).isIn("127.0.0.1", "localhost");
    assertThat(((Number) provenance.get("multi_turn_examples")).intValue()).isEqualTo(46);
    assertThat(Files.readString(result.provenance())).doesNotContain(api.apiKey());
    @SuppressWarnings("unchecked")
    Map<String, Object> output = (Map<String, Object>) provenance.get("output");
    assertThat(output).containsEntry("written", true).containsEntry("sha256", result.written().orElseThrow().sha256());

    assertThat(Files.getPosixFilePermissions(result.journal())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(result.journal())).doesNotContain(api.apiKey()).contains(model);
  }

  @Test
  void aRerunAfterAFailureAsksOnlyForTheAnswersNotYetReceived() throws Exception {
    api.faults().inject(FaultSpec.on(Requests.chat(model)).skip(30)
        .respond(Replies.error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key")));
    try (DreamAnalysts analysts = analysts(model)) {
      Distillation distillation = Distillation.of(api.client(), analysts, options().concurrency(3).build());
      assertThatThrownBy(distillation::run).isInstanceOf(AuthenticationException.class);
    }
    int answeredFirst = (int) api.requests().all().stream()
        .filter(r -> Requests.chat(model).test(r.request()) && r.status() == 200).count();
    assertThat(answeredFirst).isGreaterThanOrEqualTo(30).isLessThan(answersNeeded);
    assertThat(dir.resolve("jung-examples.jsonl")).doesNotExist();
    api.requests().clear();

    DistillResult result;
    try (DreamAnalysts analysts = analysts(model)) {
      result = Distillation.of(api.client(), analysts, options().concurrency(3).build()).run();
    }

    assertThat(chatRequests()).isEqualTo(answersNeeded - answeredFirst);
    assertThat(result.asked()).isEqualTo(answersNeeded - answeredFirst);
    assertThat(result.fromJournal()).isEqualTo(answeredFirst);
    assertThat(Files.readString(dir.resolve("jung-examples.jsonl"))).isEqualTo(Files.readString(training));
  }

  @Test
  void theShutdownDateTheServerAnnouncesGivesTheDaysLeftByTheInjectedClock() {
    api.models().add(StoredModel.of(model).ownedBy("emulator").shutdownOn(LocalDate.parse("2026-12-20")));
    List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    DistillListener recorder = new DistillListener() {
      @Override
      public void shutdownKnown(ShutdownNotice notice) {
        events.add("shutdown " + notice.daysLeft());
      }

      @Override
      public void answered(DistillItem item, int turn) {
        events.add("answer");
      }
    };
    DistillResult result;
    try (DreamAnalysts analysts = analysts(model)) {
      result = Distillation.of(api.client(), analysts, options().build()).listener(recorder).run();
    }

    assertThat(events.get(0)).isEqualTo("shutdown 16");
    assertThat(events.subList(1, events.size())).hasSize(answersNeeded).containsOnly("answer");

    ShutdownNotice notice = result.shutdown().orElseThrow();
    assertThat(notice.shutdownDate()).isEqualTo(LocalDate.parse("2026-12-20"));
    assertThat(notice.daysLeft()).isEqualTo(16);
    assertThat(notice.message()).contains(model).contains("2026-12-20").contains("16 days left");
  }

  @Test
  void refusedAndTruncatedAnswersAreReportedNotWrittenAndAskedAgainOnTheNextRun() throws Exception {
    api.chat().enqueue(model, ChatReply.refusal("I can't help with that."), ChatReply.truncated("The dream of"));
    DistillResult first;
    try (DreamAnalysts analysts = analysts(model)) {
      first = Distillation.of(api.client(), analysts, options().concurrency(1).build()).run();
    }

    assertThat(first.ok()).isTrue();
    assertThat(first.examples()).isEqualTo(133);
    assertThat(first.rejected()).hasSize(2);
    assertThat(first.rejected().get(0).id()).isEqualTo("jung-examples.jsonl:1");
    assertThat(first.rejected().get(0).reason()).contains("refused").contains("I can't help with that.");
    assertThat(first.rejected().get(1).id()).isEqualTo("jung-examples.jsonl:2");
    assertThat(first.rejected().get(1).reason()).contains("cut off at the token limit");
    List<TrainingExample> written = TrainingExample.readJsonl(dir.resolve("jung-examples.jsonl"));
    assertThat(written).hasSize(133);
    assertThat(String.join("\n", Files.readAllLines(dir.resolve("jung-examples.jsonl"))))
        .doesNotContain("I can't help with that.").doesNotContain("\"The dream of\"");
    assertThat(Files.readString(first.provenance())).contains("jung-examples.jsonl:1").contains("refused");
    api.requests().clear();

    DistillResult second;
    try (DreamAnalysts analysts = analysts(model)) {
      second = Distillation.of(api.client(), analysts, options().build()).run();
    }

    assertThat(chatRequests()).isEqualTo(2);
    assertThat(second.rejected()).isEmpty();
    assertThat(Files.readString(dir.resolve("jung-examples.jsonl"))).isEqualTo(Files.readString(training));
  }

  @Test
  void anAnalystOnTheBaseModelOrAModelThatIsGoneIsRefusedBeforeAnyChatRequest() {
    try (DreamAnalysts analysts = analysts(null)) {
      assertThatThrownBy(() -> Distillation.of(api.client(), analysts, options().build()).run())
          .isInstanceOf(DistillationRefusedException.class)
          .hasMessageContaining("jung has no model of its own").hasMessageContaining("jung.model");
    }
    api.models().remove(model);
    try (DreamAnalysts analysts = analysts(model)) {
      assertThatThrownBy(() -> Distillation.of(api.client(), analysts, options().build()).run())
          .isInstanceOf(DistillationRefusedException.class)
          .hasMessageContaining(model).hasMessageContaining("404");
    }
    assertThat(api.requests().received(Requests.to("POST", "chat/completions"))).isEmpty();
    assertThat(dir.resolve("jung-examples.jsonl")).doesNotExist();
  }

  @Test
  void aJournalAnsweredByAnotherModelIsNotMixedIn() throws Exception {
    Path small = dir.resolve("in/jung-examples.jsonl");
    Files.createDirectories(small.getParent());
    Files.write(small, Files.readAllLines(training).subList(0, 12), StandardCharsets.UTF_8);
    try (DreamAnalysts analysts = analysts(model)) {
      Distillation.of(api.client(), analysts, options().trainingFile(small).build()).run();
    }
    String other = api.jobs().succeed(api.jobs().add("gpt-4o-2024-08-06", api.files().all().get(0).id(), Map.of()));
    api.requests().clear();

    try (DreamAnalysts analysts = analysts(other)) {
      assertThatThrownBy(() -> Distillation.of(api.client(), analysts, options().trainingFile(small).build()).run())
          .isInstanceOf(DistillationRefusedException.class)
          .hasMessageContaining("model '" + model + "'").hasMessageContaining(other);
    }
    assertThat(api.requests().received(Requests.to("POST", "chat/completions"))).isEmpty();
  }

  @Test
  void aSetWithValidationErrorsIsNotWrittenButItsProvenanceSaysWhy() throws Exception {
    Path tiny = dir.resolve("in/jung-examples.jsonl");
    Files.createDirectories(tiny.getParent());
    Files.write(tiny, Files.readAllLines(training).subList(0, 3), StandardCharsets.UTF_8);
    DistillResult result;
    try (DreamAnalysts analysts = analysts(model)) {
      result = Distillation.of(api.client(), analysts, options().trainingFile(tiny).build()).run();
    }

    assertThat(result.ok()).isFalse();
    assertThat(result.report().hasErrors()).isTrue();
    assertThat(result.report().summary()).contains("10");
    assertThat(dir.resolve("jung-examples.jsonl")).doesNotExist();
    assertThat(Files.readString(result.provenance())).contains("\"written\": false");
  }

  @Test
  void extraDreamsAreAnsweredAfterTheTrainingDreamsAndBadLinesNameTheirLine() throws Exception {
    Path small = dir.resolve("in/jung-examples.jsonl");
    Files.createDirectories(small.getParent());
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(training).subList(0, 12));
    lines.add(lines.get(0));
    Files.write(small, lines, StandardCharsets.UTF_8);
    Path dreams = dir.resolve("in/dreams.jsonl");
    Files.writeString(dreams, "{\"id\": \"lake-1\", \"content\": \"I walked into a cold lake at night and the stars were under the water.\"}\n"
        + "\n{\"id\": \"stair-2\", \"title\": \"Stairs\", \"content\": \"The stairs in my flat kept going down past the ground floor.\"}\n");
    DistillResult result;
    try (DreamAnalysts analysts = analysts(model)) {
      result = Distillation.of(api.client(), analysts, options().trainingFile(small).dreamsFile(dreams).build()).run();
    }

    assertThat(result.ok()).as(result.report().summary()).isTrue();
    assertThat(result.examples()).isEqualTo(14);
    assertThat(result.skipped()).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("jung-examples.jsonl:13");
      assertThat(s.reason()).contains("jung-examples.jsonl:1");
    });
    List<TrainingExample> written = TrainingExample.readJsonl(dir.resolve("jung-examples.jsonl"));
    assertThat(written.get(13).messages().get(1).content()).startsWith("Analyze this dream.\n\nTitle: Stairs\n\n");

    Files.writeString(dreams, "{\"id\": \"ok\", \"content\": \"A dream.\"}\n{\"content\": \"no id\"}\n");
    try (DreamAnalysts analysts = analysts(model)) {
      assertThatThrownBy(() -> Distillation.of(api.client(), analysts,
              options().trainingFile(small).dreamsFile(dreams).output(dir.resolve("b/jung-examples.jsonl")).build()).run())
          .isInstanceOf(InvalidDistillInputException.class).hasMessageContaining("dreams.jsonl").hasMessageContaining("2");
    }
    Files.writeString(small, lines.get(0) + "\n{not json\n");
    try (DreamAnalysts analysts = analysts(model)) {
      assertThatThrownBy(() -> Distillation.of(api.client(), analysts,
              options().trainingFile(small).output(dir.resolve("c/jung-examples.jsonl")).build()).run())
          .isInstanceOf(InvalidDistillInputException.class).hasMessageContaining("jung-examples.jsonl:2");
    }
  }

  @Test
  void throughTheBatchApiTheFirstAnswersComeFromBatchesAndOnlyTheFollowUpTurnsOneByOne() throws Exception {
    dev.reve.testkit.VirtualTime time = new dev.reve.testkit.VirtualTime(DEC_4.instant());
    DistillBatch checkOnce = new DistillBatch(java.time.Duration.ofMinutes(1), java.time.Duration.ZERO, time);
    DistillResult first;
    try (DreamAnalysts analysts = analysts(model)) {
      first = Distillation.of(api.client(), analysts, options().batch(checkOnce).build()).run();
    }

    assertThat(first.pending()).hasValueSatisfying(p -> assertThat(p).contains("run again"));
    assertThat(first.ok()).isFalse();
    assertThat(first.asked()).isEqualTo(135);
    assertThat(dir.resolve("jung-examples.jsonl")).doesNotExist();
    assertThat(api.batches().all()).hasSize(1);
    assertThat(chatRequests()).isZero();

    DistillResult second;
    try (DreamAnalysts analysts = analysts(model)) {
      second = Distillation.of(api.client(), analysts,
          options().batch(new DistillBatch(java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(24), time))
              .build()).run();
    }

    assertThat(second.pending()).isEmpty();
    assertThat(second.ok()).as(second.report().summary()).isTrue();
    assertThat(api.batches().all()).hasSize(1);
    assertThat(chatRequests()).isEqualTo(answersNeeded - 135);
    assertThat(Files.readString(dir.resolve("jung-examples.jsonl"))).isEqualTo(Files.readString(training));
    assertThat(Files.readString(second.provenance())).contains("\"through_batch_api\": true");
  }
}
