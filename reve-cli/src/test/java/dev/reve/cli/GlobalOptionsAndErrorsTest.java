package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.testing.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GlobalOptionsAndErrorsTest {
  private static final String EMPTY_LIST = "{\"object\":\"list\",\"data\":[]}";

  private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server.start();
    CapturedLogs.clear();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void missingKeySaysHowToSetItOrUseALocalServerAndExits3() {
    Cli cli = new Cli(dir);

    Cli.Result result = cli.run("models", "list");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err())
        .contains("No API key", "export OPENAI_API_KEY=", "--api-key-file", "--base-url http://localhost")
        .contains("OPENAI_BASE_URL");
  }

  @Test
  void aLocalServerNeedsNoKey() throws Exception {
    server.enqueue(new MockResponse.Builder().body(EMPTY_LIST).build());
    Cli cli = new Cli(dir);

    Cli.Result result = cli.run("models", "list", "--base-url", server.url("/v1/").toString());

    assertThat(result.code()).isEqualTo(0);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheSubcommand() throws Exception {
    Cli cli = new Cli(dir);
    cli.env.put("OPENAI_API_KEY", Cli.KEY);
    cli.env.put("OPENAI_BASE_URL", "http://127.0.0.1:1/nowhere/");
    String url = server.url("/v1/").toString();
    server.enqueue(new MockResponse.Builder().body(EMPTY_LIST).build());
    server.enqueue(new MockResponse.Builder().body(EMPTY_LIST).build());
    server.enqueue(new MockResponse.Builder().body(EMPTY_LIST).build());

    assertThat(cli.run("--base-url", url, "models", "list").code()).isEqualTo(0);
    assertThat(cli.run("models", "--base-url", url, "list").code()).isEqualTo(0);
    assertThat(cli.run("models", "list", "--base-url", url).code()).isEqualTo(0);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void keyOnTheCommandLineIsRefusedWithoutEchoingIt() {
    Cli cli = Cli.against(server, dir);

    Cli.Result result = cli.run("models", "list", "--api-key", "sk-typed-into-history-12345");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--api-key is not accepted", "OPENAI_API_KEY", "--api-key-file");
    assertThat(result.all()).doesNotContain("sk-typed-into-history-12345");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void keyFileIsReadRelativeToTheWorkingDirectory() throws Exception {
    Files.writeString(dir.resolve("openai.key"), "sk-from-file-abcdefghijklmnop\n");
    server.enqueue(new MockResponse.Builder().body(EMPTY_LIST).build());
    Cli cli = new Cli(dir);
    cli.env.put("OPENAI_BASE_URL", server.url("/v1/").toString());

    Cli.Result result = cli.run("--api-key-file", "openai.key", "models", "list");

    assertThat(result.code()).isEqualTo(0);
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer sk-from-file-abcdefghijklmnop");
  }

  @Test
  void missingOrEmptyKeyFileIsAUsageError() throws Exception {
    Files.writeString(dir.resolve("empty.key"), "  \n");
    Cli cli = Cli.against(server, dir);

    Cli.Result missing = cli.run("models", "list", "--api-key-file", "nope.key");
    Cli.Result empty = cli.run("models", "list", "--api-key-file", "empty.key");

    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.key", "does not exist");
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).contains("is empty");
  }

  @Test
  void authenticationFailureIsOneLineWithStatusMessageRequestIdAndNeverTheKey() {
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .addHeader("x-request-id", "req_auth1")
            .body(
                "{\"error\":{\"message\":\"Incorrect API key provided: "
                    + Cli.KEY
                    + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")
            .build());
    Cli cli = Cli.against(server, dir);

    Cli.Result result = cli.run("models", "list");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).contains("401", "Incorrect API key provided", "req_auth1", "OPENAI_API_KEY");
    assertThat(result.all()).doesNotContain(Cli.KEY).doesNotContain("SECRET");
  }

  @Test
  void verboseLogsTheExchangeAndPrintsTheStackTraceButNeverTheKey() {
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .addHeader("x-request-id", "req_auth2")
            .body("{\"error\":{\"message\":\"bad key " + Cli.KEY + "\"}}")
            .build());
    Cli cli = Cli.against(server, dir);

    Cli.Result result = cli.run("--verbose", "models", "list");

    assertThat(result.code()).isEqualTo(3);
    assertThat(cli.verboseCalls.get()).isEqualTo(1);
    assertThat(result.err()).contains("AuthenticationException", "at dev.reve");
    assertThat(CapturedLogs.at("DEBUG"))
        .anySatisfy(e -> assertThat(e.message()).contains("GET /v1/models", "401", "req_auth2"));
    assertThat(CapturedLogs.text()).doesNotContain(Cli.KEY).doesNotContain("SECRET");
    assertThat(result.all()).doesNotContain(Cli.KEY).doesNotContain("SECRET");
  }

  @Test
  void withoutVerboseTheHookIsNotRun() {
    server.enqueue(new MockResponse.Builder().body(EMPTY_LIST).build());
    Cli cli = Cli.against(server, dir);

    cli.run("models", "list");

    assertThat(cli.verboseCalls.get()).isZero();
  }

  @Test
  void timeoutIsAnApiErrorThatSuggestsALongerTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    Cli cli = Cli.against(server, dir);

    Cli.Result result = cli.run("models", "list", "--timeout", "300ms");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("--timeout");
  }

  @Test
  void badTimeoutIsAUsageError() {
    Cli.Result result = Cli.against(server, dir).run("models", "list", "--timeout", "soon");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("'soon' is not a duration", "--help");
  }

  @Test
  void zeroOrHugeTimeoutsAreUsageErrors() {
    for (String value : new String[] {"0", "0s", "99999999999999h", "25h"}) {
      Cli.Result result = Cli.against(server, dir).run("models", "list", "--timeout", value);

      assertThat(result.code()).as(value).isEqualTo(2);
      assertThat(result.err()).as(value).contains("out of range");
    }
  }

  @Test
  void aBaseUrlThatIsNotAUrlIsAUsageErrorNotAMissingKey() {
    Cli cli = new Cli(dir);

    Cli.Result result = cli.run("models", "list", "--base-url", "notaurl");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("not an http(s) URL").doesNotContain("No API key");
  }

  @Test
  void connectionFailureNamesTheBaseUrlSetting() {
    Cli cli = new Cli(dir);
    cli.env.put("OPENAI_API_KEY", Cli.KEY);

    Cli.Result result = cli.run("models", "list", "--base-url", "http://127.0.0.1:1/v1/");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("--base-url or OPENAI_BASE_URL");
  }

  @Test
  void plainHttpToAnotherHostIsRefusedBeforeAnyRequest() {
    Cli cli = new Cli(dir);
    cli.env.put("OPENAI_API_KEY", Cli.KEY);

    Cli.Result result = cli.run("models", "list", "--base-url", "http://models.example.net/v1/");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("plain http", "https://");
    assertThat(result.all()).doesNotContain(Cli.KEY);
  }

  @Test
  void unknownOptionIsAUsageErrorPointingAtHelp() {
    Cli.Result result = Cli.against(server, dir).run("models", "list", "--frobnicate");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--frobnicate", "reve models list --help");
  }

  @Test
  void noSubcommandPrintsUsageAndExits2() {
    Cli.Result result = new Cli(dir).run();

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("Usage: reve");
  }

  @Test
  void versionPrintsTheSdkVersion() {
    Cli.Result result = new Cli(dir).run("--version");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).startsWith("reve ").contains("Java ");
  }

  @Test
  void everyCommandHasHelp() {
    Cli cli = new Cli(dir);
    List<String> paths = new ArrayList<>();
    collect(Reve.commandLine(env(cli)), "", paths);
    assertThat(paths).contains("models list", "models info", "models delete");

    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.removeIf(String::isEmpty);
      args.add("--help");
      Cli.Result result = cli.run(args.toArray(String[]::new));
      assertThat(result.code()).as(path).isEqualTo(0);
      assertThat(result.out()).as(path).contains("Usage: reve" + (path.isEmpty() ? "" : " " + path));
      assertThat(result.out()).as(path).contains("--base-url", "--verbose", "--timeout");
    }
  }

  private static CliEnvironment env(Cli cli) {
    return new CliEnvironment(
        cli.env, System.in, cli.workingDirectory, new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), false, cli.time, cli.time,
        b -> b, () -> {});
  }

  private static void collect(CommandLine command, String path, List<String> paths) {
    paths.add(path);
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        collect(sub, (path + " " + name).strip(), paths);
      }
    });
  }
}
