package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.RequiredParameterRefusedException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.BadRequestException;
import dev.reve.testkit.EmulatedRequest;
import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.Replies;
import dev.reve.testkit.VirtualTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 400-then-retry-without-the-parameter path under faults: a model the capabilities table does
 * not know refuses a parameter with OpenAI's body on every request that carries it; the analysis is sent once more without it (the
 * attempts reaching the server are counted), remembers it, and never loops.
 */
class UnsupportedParameterFaultTest {
  private static final String MODEL = "acme-thinker";
  private static final Dream DREAM = Dream.of("I was carrying a lantern through a flooded cellar.");
  private static final Predicate<EmulatedRequest> CHAT_WITH_TEMPERATURE =
      r -> r.path().endsWith("chat/completions") && r.json().containsKey("temperature");

  private OpenAiEmulator fake;
  private OpenAiClient client;
  private DreamAnalysts analysts;

  @BeforeEach
  void start() {
    fake = OpenAiEmulator.start();
    fake.models().add(MODEL);
    VirtualTime time = fake.time();
    client = fake.clientBuilder(time, time).maxRetries(2).jitter(() -> 0.5).build();
    analysts = DreamAnalysts.builder(client)
        .resolver(ModelResolver.builder().environment(Map.of(ModelResolver.BASE_MODEL_ENV, MODEL))
            .systemProperties(new Properties()).withoutModelsFile().build())
        .checkShutdownDates(false)
        .build();
  }

  @AfterEach
  void stop() {
    analysts.close();
    client.close();
    fake.close();
  }

  private static MockResponse refused(String param, String code) {
    return Replies.json(400, Map.of("error", Map.of(
        "message", "Unsupported value: '" + param + "' does not support 0.8 with this model.",
        "type", "invalid_request_error", "param", param, "code", code)));
  }

  private List<EmulatedRequest> chats() {
    return fake.chat().requests();
  }

  @Test
  void aRefusedParameterIsDroppedOnceAndNotSentAgain() {
    fake.faults().inject(FaultSpec.on(CHAT_WITH_TEMPERATURE).times(Integer.MAX_VALUE).respond(refused("temperature", "unsupported_value")));

    Analysis first = analysts.analyst("jung").analyze(DREAM);
    assertThat(first.isComplete()).isTrue();
    assertThat(chats()).hasSize(2);
    assertThat(chats().get(0).json()).containsEntry("temperature", 0.8);
    assertThat(chats().get(1).json()).doesNotContainKey("temperature");

    Analysis streamed = analysts.analyst("freud").stream(DREAM, s -> { });
    assertThat(streamed.isComplete()).isTrue();
    assertThat(chats()).as("one attempt: nothing left to adapt").hasSize(3);
    assertThat(chats().get(2).json()).doesNotContainKey("temperature").containsEntry("stream", true);
  }

  @Test
  void aRetryableFaultAfterTheAdaptationIsRetriedByTheTransportAsUsual() {
    fake.faults().inject(FaultSpec.on(CHAT_WITH_TEMPERATURE).times(Integer.MAX_VALUE).respond(refused("temperature", "unsupported_value")));
    fake.faults().inject(FaultSpec.on(r -> r.path().endsWith("chat/completions") && !r.json().containsKey("temperature"))
        .times(1).respond(Replies.unavailable()));

    assertThat(analysts.analyst("jung").analyze(DREAM).isComplete()).isTrue();
    // 400 (not retried by the transport), then 503 and its retry, both without the parameter
    assertThat(chats()).hasSize(3);
    assertThat(chats().subList(1, 3)).allSatisfy(r -> assertThat(r.json()).doesNotContainKey("temperature"));
  }

  @Test
  void aStreamedAnalysisIsAdaptedBeforeAnyTextArrives() {
    fake.faults().inject(FaultSpec.on(CHAT_WITH_TEMPERATURE).times(Integer.MAX_VALUE).respond(refused("temperature", "unsupported_value")));
    StringBuilder seen = new StringBuilder();
    Analysis streamed = analysts.analyst("jung").stream(DREAM, seen::append);
    assertThat(streamed.text()).isEqualTo(seen.toString()).isNotBlank();
    assertThat(chats()).hasSize(2);
  }

  @Test
  void aRequiredParameterIsNotDroppedAndTheCallFailsAtOnce() {
    fake.faults().inject(FaultSpec.on(CHAT_WITH_TEMPERATURE).times(Integer.MAX_VALUE).respond(refused("temperature", "unsupported_value")));
    AnalysisOptions strict = AnalysisOptions.builder().require("temperature").build();
    assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM, strict))
        .isInstanceOf(RequiredParameterRefusedException.class);
    assertThat(chats()).hasSize(1);
  }

  @Test
  void aServerThatRefusesWhateverIsSentIsNotAskedInALoop() {
    fake.faults().inject(FaultSpec.on(r -> r.path().endsWith("chat/completions"))
        .times(Integer.MAX_VALUE).respond(refused("temperature", "unsupported_parameter")));
    assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM))
        .isInstanceOf(BadRequestException.class);
    assertThat(chats()).hasSize(2);
    // a 400 that names no parameter is not adapted to at all
    fake.faults().clear();
    fake.faults().inject(FaultSpec.on(r -> r.path().endsWith("chat/completions"))
        .times(Integer.MAX_VALUE).respond(Replies.error(400, "Something else is wrong.", "invalid_request_error", null)));
    assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM)).isInstanceOf(BadRequestException.class);
    assertThat(chats()).hasSize(3);
  }
}
