package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.DreamInterpretation;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.JobListener;
import dev.reve.finetune.WaitOptions;
import dev.reve.openai.OpenAiClient;
import dev.reve.testkit.OpenAiEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reve emulator} as a separate process, driven over HTTP as any OpenAI client would. */
@SuppressWarnings("unchecked")
class EmulatorProcessTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
  @TempDir Path state;

  @Test
  void servesFilesJobsModelsAndChatOverHttpAndKeepsItsStateAcrossARestart() throws Exception {
    String jobId;
    String model;
    Served first = Served.start(state);
    try {
      String base = first.baseUrl;
      assertThat(base).startsWith("http://").endsWith("/v1/");
      // a wrong key: OpenAI's 401 body
      try (Response r = http.newCall(new Request.Builder().url(base + "models")
          .header("Authorization", "Bearer sk-wrong-key-0123456789").build()).execute()) {
        assertThat(r.code()).isEqualTo(401);
        Map<String, Object> error = (Map<String, Object>) Json.object(r.body().string()).get("error");
        assertThat(error).containsEntry("code", "invalid_api_key").containsEntry("type", "invalid_request_error");
        assertThat((String) error.get("message")).doesNotContain("sk-wrong");
      }
      // upload a training file and fine-tune on it
      String training = String.join("\n", Files.readAllLines(Path.of("..", "training-data", "jung-examples.jsonl"))
          .subList(0, 12)) + "\n";
      Map<String, Object> file = Json.object(call(base, new Request.Builder().url(base + "files").post(
          new MultipartBody.Builder().setType(MultipartBody.FORM).addFormDataPart("purpose", "fine-tune")
              .addFormDataPart("file", "jung.jsonl", RequestBody.create(training, MediaType.get("application/jsonl")))
              .build())));
      Map<String, Object> job = Json.object(call(base, post(base + "fine_tuning/jobs",
          Map.of("model", "gpt-4o-mini-2024-07-18", "training_file", file.get("id"), "suffix", "jung"))));
      jobId = (String) job.get("id");
      assertThat(job.get("status")).isEqualTo("validating_files");
      Map<String, Object> done = waitForEnd(base, jobId);
      assertThat(done.get("status")).isEqualTo("succeeded");
      model = (String) done.get("fine_tuned_model");
      List<Object> events = (List<Object>) Json.object(call(base, get(base + "fine_tuning/jobs/" + jobId
          + "/events?limit=50"))).get("data");
      assertThat(events.toString()).contains("Step 4/4").contains("The job has successfully completed");
      assertThat(call(base, get(base + "fine_tuning/jobs/" + jobId + "/checkpoints"))).contains("ckpt-step-4");
      assertThat(call(base, get(base + "models"))).contains(model);

      // the fine-tuned model answers with a training example, streamed
      String dreamLine = (String) ((Map<String, Object>) ((List<Object>) Json.object(training.lines().findFirst()
          .orElseThrow()).get("messages")).get(1)).get("content");
      String stream = call(base, post(base + "chat/completions", Map.of("model", model, "stream", true,
          "messages", List.of(Map.of("role", "user", "content", dreamLine)))));
      assertThat(stream).startsWith("data: ").contains("chat.completion.chunk").contains("data: [DONE]");
      assertThat(DemoCommandTest.trainedAnswers("jung")).contains(joinDeltas(stream).strip());

      // a json_schema answer that validates
      Map<String, Object> schema = Map.of("type", "object", "additionalProperties", false,
          "required", List.of("mood", "intensity", "images"),
          "properties", Map.of("mood", Map.of("type", "string", "enum", List.of("calm", "anxious")),
              "intensity", Map.of("type", "integer", "minimum", 1, "maximum", 5),
              "images", Map.of("type", "array", "items", Map.of("type", "string"), "minItems", 1)));
      Map<String, Object> completion = Json.object(call(base, post(base + "chat/completions", Map.of(
          "model", "gpt-4o-2024-08-06",
          "messages", List.of(Map.of("role", "user", "content", "I flew over a red city.")),
          "response_format", Map.of("type", "json_schema",
              "json_schema", Map.of("name", "reading", "strict", true, "schema", schema))))));
      String content = (String) ((Map<String, Object>) ((Map<String, Object>) ((List<Object>) completion
          .get("choices")).get(0)).get("message")).get("content");
      Map<String, Object> reading = Json.object(content);
      assertThat(reading).containsOnlyKeys("mood", "intensity", "images").containsEntry("mood", "calm");
      assertThat(((Number) reading.get("intensity")).doubleValue()).isEqualTo(1.0);
      assertThat((List<Object>) reading.get("images")).isNotEmpty().allMatch(String.class::isInstance);
      // and this SDK's strict interpretation against it
      try (OpenAiClient client = OpenAiClient.builder().baseUrl(base).apiKey(OpenAiEmulator.API_KEY).build();
          DreamAnalysts analysts = DreamAnalysts.builder(client).checkShutdownDates(false).build()) {
        DreamInterpretation interpretation = analysts.interpret(Dream.of("I flew over a red city at night."));
        assertThat(interpretation.summary()).startsWith("[Emulated]");
        assertThat(interpretation.symbols()).isNotEmpty();
      }
    } finally {
      first.stop();
    }
    assertThat(first.exitCode).isIn(0, 143);
    assertThat(first.err()).contains("Emulator stopped");

    Served second = Served.start(state);
    try {
      String base = second.baseUrl;
      assertThat(Json.object(call(base, get(base + "fine_tuning/jobs/" + jobId)))).containsEntry("status", "succeeded");
      assertThat(call(base, get(base + "models/" + model))).contains(model);
      assertThat(call(base, new Request.Builder().url(base + "models/" + model).delete())).contains("\"deleted\":true");
    } finally {
      second.stop();
    }
  }

  private static String joinDeltas(String stream) {
    StringBuilder text = new StringBuilder();
    for (String line : stream.split("\n")) {
      if (line.startsWith("data: {")) {
        for (Object choice : (List<Object>) Json.object(line.substring(6)).get("choices")) {
          Object delta = ((Map<String, Object>) ((Map<String, Object>) choice).get("delta")).get("content");
          if (delta instanceof String s) {
            text.append(s);
          }
        }
      }
    }
    return text.toString();
  }

  private Map<String, Object> waitForEnd(String base, String jobId) throws Exception {
    // The child's jobs advance on its own wall clock (a step every 1.5 s); the SDK's wait, with
    // its sleeper, polls them, as `finetune watch` would.
    try (OpenAiClient client = OpenAiClient.builder().baseUrl(base).apiKey(OpenAiEmulator.API_KEY).build()) {
      FineTuningService.of(client).jobs().waitFor(jobId,
          WaitOptions.DEFAULT.withTimeout(Duration.ofSeconds(60))
              .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(1)).withEvents(false),
          JobListener.NONE);
    }
    return Json.object(call(base, get(base + "fine_tuning/jobs/" + jobId)));
  }

  private static Request.Builder get(String url) {
    return new Request.Builder().url(url);
  }

  private static Request.Builder post(String url, Object body) {
    return new Request.Builder().url(url).post(RequestBody.create(Json.write(body), JSON));
  }

  private String call(String base, Request.Builder request) throws Exception {
    try (Response r = http.newCall(request.header("Authorization", "Bearer " + OpenAiEmulator.API_KEY).build())
        .execute()) {
      String body = r.body().string();
      assertThat(r.code()).as(body).isEqualTo(200);
      return body;
    }
  }

  /** A {@code reve emulator} process and what it printed. */
  private static final class Served {
    final Process process;
    final String baseUrl;
    final Path errFile;
    int exitCode = -1;

    private Served(Process process, String baseUrl, Path errFile) {
      this.process = process;
      this.baseUrl = baseUrl;
      this.errFile = errFile;
    }

    static Served start(Path state) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path err = Files.createTempFile("reve-emulator-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "dev.reve.cli.Reve", "emulator", "--port", "0", "--state", state.toString())
          .redirectError(err.toFile());
      // The emulator's key comes from the environment: the child accepts the key this JVM's
      // OpenAiEmulator.API_KEY holds.
      builder.environment().put(OpenAiEmulator.API_KEY_VARIABLE, OpenAiEmulator.API_KEY);
      Process p = builder.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("Emulator serving at ")) {
          return new Served(p, line.substring("Emulator serving at ".length()).strip(), err);
        }
      }
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("reve emulator printed no base URL: " + lines + " " + Files.readString(err));
    }

    void stop() throws Exception {
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("reve emulator stopped on SIGTERM").isTrue();
      exitCode = process.exitValue();
    }

    String err() throws Exception {
      String text = Files.readString(errFile);
      Files.deleteIfExists(errFile);
      return text;
    }
  }
}
