package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.DREAM;
import static dev.reve.analysis.Fixtures.answer;
import static dev.reve.analysis.Fixtures.body;
import static dev.reve.analysis.Fixtures.modelNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import dev.reve.testing.CapturedLogs;
import dev.reve.testing.FakeClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndpointAndModelHealthTest {
  private final MockWebServer openai = new MockWebServer();
  private final MockWebServer vllm = new MockWebServer();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    openai.start();
    vllm.start();
    client = Fixtures.client(openai);
    CapturedLogs.clear();
  }

  @AfterEach
  void stop() {
    client.close();
    openai.close();
    vllm.close();
  }

  private DreamAnalysts analysts(Map<String, String> env) {
    return DreamAnalysts.builder(client)
        .resolver(Fixtures.resolver(env).build())
        .checkShutdownDates(false)
        .build();
  }

  private static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached " + server).isNotNull();
    return request;
  }

  @Test
  void oneAnalystCanBeServedByAnotherServerWithoutGettingTheMainKey() throws Exception {
    vllm.enqueue(answer("acme/jung-8b", "From the open-weight Jung."));
    vllm.enqueue(answer("acme/jung-8b", "Again."));
    openai.enqueue(answer("gpt-4o-2024-08-06", "From Freud on OpenAI."));
    Map<String, String> env =
        Map.of(
            "OPENAI_JUNG_MODEL",
            "acme/jung-8b",
            "OPENAI_JUNG_BASE_URL",
            vllm.url("/v1").toString());
    try (DreamAnalysts analysts = analysts(env)) {
      Analysis jung = analysts.analyst("jung").analyze(DREAM);
      analysts.analyst("jung").analyze(DREAM);
      Analysis freud = analysts.analyst("freud").analyze(DREAM);

      assertThat(jung.text()).isEqualTo("From the open-weight Jung.");
      assertThat(jung.fineTuned()).isTrue();
      assertThat(freud.text()).isEqualTo("From Freud on OpenAI.");
      RecordedRequest toVllm = take(vllm);
      assertThat(toVllm.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(toVllm.getHeaders().get("Authorization")).isNull();
      assertThat(body(toVllm).get("model")).isEqualTo("acme/jung-8b");
      assertThat(((List<?>) body(toVllm).get("messages")).get(0))
          .isEqualTo(Map.of("role", "system", "content", BuiltInAnalysts.JUNG.systemPrompt()));
      RecordedRequest toOpenAi = take(openai);
      assertThat(toOpenAi.getHeaders().get("Authorization"))
          .isEqualTo("Bearer " + Fixtures.API_KEY);
      assertThat(body(toOpenAi).get("model")).isEqualTo("gpt-4o-2024-08-06");
      // The derived client is reused: both Jung requests went over one connection.
      assertThat(take(vllm).getConnectionIndex()).isEqualTo(toVllm.getConnectionIndex());
    }
  }

  @Test
  void organizationProjectAndCustomHeadersStayWithTheMainOrigin() throws Exception {
    vllm.enqueue(answer("acme/jung-8b", "ok"));
    OpenAiClient withHeaders = client.newBuilder().organization("org_main").project("proj_main")
        .header("api-key", "azure-style-secret").build();
    Map<String, String> env =
        Map.of("OPENAI_JUNG_MODEL", "acme/jung-8b", "OPENAI_JUNG_BASE_URL", vllm.url("/v1/").toString());
    try (DreamAnalysts analysts = DreamAnalysts.builder(withHeaders)
        .resolver(Fixtures.resolver(env).build()).checkShutdownDates(false).build()) {
      analysts.analyst("jung").analyze(DREAM);
      RecordedRequest toVllm = take(vllm);
      assertThat(toVllm.getHeaders().get("api-key")).isNull();
      assertThat(toVllm.getHeaders().get("OpenAI-Organization")).isNull();
      assertThat(toVllm.getHeaders().get("OpenAI-Project")).isNull();
    } finally {
      withHeaders.close();
    }
  }

  @Test
  void anEndpointKeyIsSentOnlyToItsEndpoint() throws Exception {
    vllm.enqueue(answer("acme/jung-8b", "ok"));
    Map<String, String> env =
        Map.of(
            "OPENAI_JUNG_MODEL", "acme/jung-8b",
            "OPENAI_JUNG_BASE_URL", vllm.url("/v1/").toString(),
            "OPENAI_JUNG_API_KEY", "vllm-secret-key");
    try (DreamAnalysts analysts = analysts(env)) {
      analysts.analyst("jung").analyze(DREAM);
      assertThat(take(vllm).getHeaders().get("Authorization")).isEqualTo("Bearer vllm-secret-key");
      assertThat(analysts.modelChoice("jung").toString()).doesNotContain("vllm-secret-key");
    }
  }

  @Test
  void aGoneModelOnTheOtherServerFallsBackToTheBaseModelOnTheMainOne() throws Exception {
    vllm.enqueue(modelNotFound("acme/jung-8b"));
    openai.enqueue(answer("gpt-4o-2024-08-06", "From the base model."));
    Map<String, String> env =
        Map.of(
            "OPENAI_JUNG_MODEL",
            "acme/jung-8b",
            "OPENAI_JUNG_BASE_URL",
            vllm.url("/v1/").toString());
    try (DreamAnalysts analysts = analysts(env)) {
      Analysis analysis = analysts.analyst("jung").analyze(DREAM);
      assertThat(analysis.fellBack()).isTrue();
      assertThat(analysis.model()).isEqualTo("gpt-4o-2024-08-06");
      assertThat(body(take(openai)).get("messages")).isEqualTo(body(take(vllm)).get("messages"));
      assertThat(CapturedLogs.at("WARN"))
          .anySatisfy(e -> assertThat(e.message()).contains(vllm.url("/v1/").toString()));
    }
  }

  @Test
  void aBadEndpointIsAConfigurationErrorNamingTheSettings() {
    try (DreamAnalysts analysts = analysts(Map.of("OPENAI_JUNG_BASE_URL", "gpu-box:8000/v1"))) {
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM))
          .isInstanceOf(ModelConfigurationException.class)
          .hasMessageContaining("OPENAI_JUNG_BASE_URL")
          .hasMessageContaining("jung.base-url");
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void aShutdownDateTheServerDoesNotAnnounceComesFromTheCapabilitiesTable() {
    openai.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.startsWith("/v1/models/")) {
              return json("{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}");
            }
            return answer("gpt-4o-mini", "An answer.");
          }
        });
    FakeClock clock = new FakeClock(Instant.parse("2027-01-20T09:00:00Z"));
    try (DreamAnalysts analysts =
        DreamAnalysts.builder(client)
            .resolver(Fixtures.resolver(Map.of("REVE_BASE_MODEL", "gpt-4o-mini")).build())
            .clock(clock)
            .build()) {
      ModelStatus status = analysts.checkModels().get(0);
      assertThat(status.shutdownDate()).contains(java.time.LocalDate.of(2027, 1, 14));
      assertThat(status.daysLeft()).contains(-6L);
      assertThat(status.pastShutdown()).isTrue();
      assertThat(CapturedLogs.at("WARN")).singleElement()
          .satisfies(e -> assertThat(e.message()).contains("'gpt-4o-mini'", "was due to shut down", "6 days ago"));
    }
  }

  @Test
  void aNearShutdownDateIsWarnedOncePerModel() {
    String tuned = "ft:gpt-4o-2024-08-06:acme:jung:AbC123";
    openai.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/v1/models/gpt-4o-2024-08-06")) {
              return json(
                  "{\"id\":\"gpt-4o-2024-08-06\",\"object\":\"model\",\"shutdown_date\":\"2027-01-14\"}");
            }
            if (path.startsWith("/v1/models/ft:")) {
              return json("{\"id\":\"" + tuned + "\",\"shutdown_date\":\"2027-01-14\"}");
            }
            return answer("gpt-4o-2024-08-06", "An answer.");
          }
        });
    FakeClock clock = new FakeClock(Instant.parse("2026-12-20T09:00:00Z"));
    try (DreamAnalysts analysts =
        DreamAnalysts.builder(client)
            .resolver(Fixtures.resolver(Map.of("OPENAI_FREUD_MODEL", tuned)).build())
            .clock(clock)
            .build()) {
      analysts.analyst("jung").analyze(DREAM);
      analysts.analyst("jung").analyze(DREAM);
      List<ModelStatus> statuses = analysts.checkModels();
      analysts.checkModels();

      assertThat(statuses).extracting(ModelStatus::model).containsExactly("gpt-4o-2024-08-06", tuned);
      ModelStatus base = statuses.get(0);
      assertThat(base.usedBy()).containsExactly("jung", "base");
      assertThat(base.available()).isTrue();
      assertThat(base.daysUntilShutdown(java.time.LocalDate.of(2026, 12, 20))).contains(25L);
      assertThat(base.daysLeft()).as("days left on the clock's day").contains(25L);
      assertThat(base.pastShutdown()).isFalse();
      List<CapturedLogs.Event> warnings =
          CapturedLogs.at("WARN").stream().filter(e -> e.message().contains("shuts down")).toList();
      assertThat(warnings).hasSize(2);
      assertThat(warnings)
          .anySatisfy(
              e -> assertThat(e.message()).contains("'gpt-4o-2024-08-06'", "2027-01-14", "in 25 days"));
      assertThat(
              CapturedLogs.at("WARN").stream()
                  .filter(e -> e.message().contains("'gpt-4o-2024-08-06'"))
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void aDistantShutdownDateIsNotWarned() {
    openai.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json("{\"id\":\"gpt-4o-2024-08-06\",\"shutdown_date\":\"2027-01-14\"}");
          }
        });
    try (DreamAnalysts analysts =
        DreamAnalysts.builder(client)
            .resolver(Fixtures.resolver(Map.of()).build())
            .clock(new FakeClock(Instant.parse("2026-11-25T12:00:00Z")))
            .build()) {
      List<ModelStatus> statuses = analysts.checkModels();
      assertThat(statuses).singleElement().satisfies(s -> assertThat(s.shutdownDate()).isPresent());
      assertThat(CapturedLogs.at("WARN")).isEmpty();
    }
  }

  @Test
  void aServerThatOnlyListsModelsIsAskedForItsList() {
    vllm.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().equals("/v1/models")) {
              return json("{\"object\":\"list\",\"data\":[{\"id\":\"acme/jung-8b\"}]}");
            }
            return new MockResponse.Builder().code(404).body("{\"detail\":\"Not Found\"}").build();
          }
        });
    openai.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json("{\"id\":\"gpt-4o-2024-08-06\"}");
          }
        });
    Map<String, String> env =
        Map.of(
            "OPENAI_JUNG_MODEL",
            "acme/jung-8b",
            "OPENAI_JUNG_BASE_URL",
            vllm.url("/v1/").toString());
    try (DreamAnalysts analysts =
        DreamAnalysts.builder(client).resolver(Fixtures.resolver(env).build()).build()) {
      List<ModelStatus> statuses = analysts.checkModels();
      assertThat(statuses)
          .filteredOn(s -> s.model().equals("acme/jung-8b"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.available()).isTrue();
                assertThat(s.endpoint()).isEqualTo(vllm.url("/v1/").toString());
                assertThat(s.usedBy()).containsExactly("jung");
              });
    }
  }
}
