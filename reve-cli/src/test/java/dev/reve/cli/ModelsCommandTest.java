package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.testing.CapturedLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
  static final String MODELS =
      """
      {"object":"list","data":[
        {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
        {"id":"ft:gpt-4o-mini-2024-07-18:acme:jung:AbC123","object":"model","created":1764000000,
         "owned_by":"acme"},
        {"id":"babbage-002","object":"model","created":1692634615,"owned_by":"system",
         "shutdown_date":"2026-10-01"}
      ]}""";

  private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    server.start();
    cli = Cli.against(server, dir);
    CapturedLogs.clear();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listPrintsATableSortedById() throws Exception {
    server.enqueue(new MockResponse.Builder().body(MODELS).build());

    Cli.Result result = cli.run("models", "list");

    assertThat(result.code()).isEqualTo(0);
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("OWNER", "CREATED", "SHUTDOWN");
    assertThat(lines.get(1)).startsWith("babbage-002").contains("2023-08-21", "2026-10-01");
    assertThat(lines.get(2)).startsWith("ft:gpt-4o-mini-2024-07-18:acme:jung:AbC123")
        .contains("2027-01-14*");
    assertThat(lines.get(3)).startsWith("gpt-4o-mini ").contains("system", "2024-07-16", "2027-01-14*");
    assertThat(lines.get(4)).startsWith("* not announced by the server");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + Cli.KEY);
  }

  @Test
  void listMarksPassedAndNearShutdownDates() {
    server.enqueue(new MockResponse.Builder().body(MODELS).build());
    server.enqueue(new MockResponse.Builder().body(MODELS).build());
    server.enqueue(new MockResponse.Builder().body(MODELS).build());

    cli.time.advance(java.time.Duration.between(cli.time.instant(),
        java.time.Instant.parse("2026-12-20T12:00:00Z")));
    List<String> december = cli.run("models", "list").out().lines().toList();
    assertThat(december.get(1)).contains("2026-10-01 PASSED");
    assertThat(december.get(3)).contains("2027-01-14* in 25 days");

    cli.time.advance(java.time.Duration.ofDays(30));
    List<String> january = cli.run("models", "list").out().lines().toList();
    assertThat(january.get(2)).contains("2027-01-14* PASSED");

    @SuppressWarnings("unchecked")
    Map<String, Object> mini = (Map<String, Object>) Json.array(cli.run("models", "list", "--json").out()).get(2);
    assertThat(mini).containsEntry("id", "gpt-4o-mini").containsEntry("shutdown_date", null)
        .containsEntry("known_shutdown_date", "2027-01-14").containsEntry("days_left", -5.0);
  }

  @Test
  void listFineTunedKeepsOnlyFtModelsAndJsonIsAnArrayOfObjects() {
    server.enqueue(new MockResponse.Builder().body(MODELS).build());

    Cli.Result result = cli.run("models", "list", "--fine-tuned", "--json");

    assertThat(result.code()).isEqualTo(0);
    List<Object> parsed = Json.array(result.out());
    assertThat(parsed).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> model = (Map<String, Object>) parsed.get(0);
    assertThat(model)
        .containsEntry("id", "ft:gpt-4o-mini-2024-07-18:acme:jung:AbC123")
        .containsEntry("owned_by", "acme")
        .containsEntry("fine_tuned", true)
        .containsEntry("shutdown_date", null)
        .containsKey("created");
  }

  @Test
  void infoShowsOwnerCreatedBaseModelAndShutdownDate() {
    server.enqueue(
        new MockResponse.Builder()
            .body(
                "{\"id\":\"ft:gpt-4o-2024-08-06:acme:freud:Xy9\",\"created\":1764000000,"
                    + "\"owned_by\":\"acme\",\"shutdown_date\":\"2027-01-14\"}")
            .build());

    Cli.Result result = cli.run("models", "info", "ft:gpt-4o-2024-08-06:acme:freud:Xy9");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("Owner:      acme")
        .contains("Created:    2025-11-24")
        .contains("Fine-tuned: yes")
        .contains("Base model: gpt-4o-2024-08-06")
        .contains("Shutdown:   2027-01-14");
  }

  @Test
  void infoSaysWhenTheShutdownDateHasPassedAndWhenNoneIsAnnounced() {
    server.enqueue(new MockResponse.Builder()
        .body("{\"id\":\"old\",\"created\":1,\"owned_by\":\"system\",\"shutdown_date\":\"2025-01-01\"}")
        .build());
    server.enqueue(new MockResponse.Builder()
        .body("{\"id\":\"new\",\"created\":1,\"owned_by\":\"system\"}").build());

    assertThat(cli.run("models", "info", "old").out()).contains("2025-01-01 (passed");
    assertThat(cli.run("models", "info", "new").out()).contains("Shutdown:   none announced");
  }

  @Test
  void infoOfAMissingModelIsOneLineWithStatusMessageAndRequestIdAndExit3() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("x-request-id", "req_404abc")
            .body(
                "{\"error\":{\"message\":\"The model 'ft:gone' does not exist\","
                    + "\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}")
            .build());

    Cli.Result result = cli.run("models", "info", "ft:gone");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).contains("404", "The model 'ft:gone' does not exist", "req_404abc");
    assertThat(result.err()).doesNotContain("at dev.reve");
  }

  @Test
  void infoJsonHasTheModelFields() {
    server.enqueue(new MockResponse.Builder()
        .body("{\"id\":\"gpt-4o\",\"created\":1715367049,\"owned_by\":\"system\"}").build());

    Cli.Result result = cli.run("models", "info", "gpt-4o", "--json");

    assertThat(Json.object(result.out()))
        .containsEntry("id", "gpt-4o")
        .containsEntry("owned_by", "system")
        .containsEntry("fine_tuned", false)
        .containsEntry("shutdown_date", null);
  }

  @Test
  void deleteWithYesDeletesWithoutAsking() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .body("{\"id\":\"ft:x:acme::1\",\"object\":\"model\",\"deleted\":true}").build());

    Cli.Result result = cli.run("models", "delete", "ft:x:acme::1", "--yes");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains("Deleted ft:x:acme::1.");
    assertThat(result.err()).doesNotContain("confirm");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models/ft:x:acme::1");
  }

  @Test
  void deleteAsksAndProceedsOnYes() {
    server.enqueue(new MockResponse.Builder()
        .body("{\"id\":\"ft:x:acme::1\",\"deleted\":true}").build());
    cli.stdin = "yes\n";

    Cli.Result result = cli.run("models", "delete", "ft:x:acme::1");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.err()).contains("Delete model ft:x:acme::1?");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void deleteDeclinedOrUnansweredSendsNothingAndExits1() {
    cli.stdin = "n\n";
    Cli.Result declined = cli.run("models", "delete", "ft:x:acme::1");
    cli.stdin = "";
    Cli.Result unanswered = cli.run("models", "delete", "ft:x:acme::1");

    assertThat(declined.code()).isEqualTo(1);
    assertThat(declined.err()).contains("Not deleted.");
    assertThat(unanswered.code()).isEqualTo(1);
    assertThat(unanswered.err()).contains("pass --yes");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void deleteThatTheServerRefusesIsAFailure() {
    server.enqueue(new MockResponse.Builder().body("{\"id\":\"ft:x\",\"deleted\":false}").build());

    Cli.Result result = cli.run("models", "delete", "ft:x", "-y");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("did not delete ft:x");
  }
}
