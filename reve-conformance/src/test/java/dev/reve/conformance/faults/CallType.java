package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.conformance.support.Bodies;
import dev.reve.finetune.CreateJobRequest;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.JobListQuery;
import dev.reve.openai.spi.Page;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.ApiResponse;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.ResponseMetadata;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.models.Model;
import dev.reve.openai.models.ModelService;
import dev.reve.testkit.ChatCompletionBodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A kind of call the SDK makes, with its healthy answer. Every call carries a tag (a request
 * number in the soak) that the request and the healthy answer both hold, so a result can be
 * traced to its request and a retried request can be checked to be the same request again.
 */
public enum CallType {
  CHAT("chat completion") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(ChatCompletionBodies.text(answer(tag)).model("gpt-4o-mini-2024-07-18").json());
    }

    @Override
    Result invoke(Env env, String tag) {
      ChatCompletion completion = env.client().chat().create(chatRequest(tag));
      return new Result(completion.text().orElse(""), Optional.of(completion.responseMetadata()));
    }
  },

  CHAT_STREAM("chat completion, streamed") {
    @Override
    boolean streams() {
      return true;
    }

    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return b.addHeader("Content-Type", "text/event-stream")
          .body(ChatCompletionBodies.text("").model("gpt-4o-mini-2024-07-18").pieces("Answer for ", tag + ".").usage(21, 2).stream());
    }

    @Override
    Result invoke(Env env, String tag) {
      List<String> deltas = new CopyOnWriteArrayList<>();
      ChatCompletion completion = env.client().chat().stream(chatRequest(tag), deltas::add);
      // The listener saw each piece exactly once, even when an attempt before it failed.
      assertThat(String.join("", deltas)).isEqualTo(completion.text().orElse(""));
      return new Result(completion.text().orElse(""), Optional.of(completion.responseMetadata()));
    }
  },

  UPLOAD("file upload") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(Bodies.file("file-" + tag, fileName(tag), trainingText(tag).length()));
    }

    @Override
    Result invoke(Env env, String tag) {
      Path file = env.dir().resolve(fileName(tag));
      try {
        Files.writeString(file, trainingText(tag), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      UploadedFile uploaded = FineTuningService.of(env.client()).files().upload(file);
      return new Result(uploaded.id(), Optional.empty());
    }

    @Override
    Object expected(String tag) {
      return "file-" + tag;
    }

    @Override
    void checkRequest(RecordedRequest request, String tag) {
      // Each attempt sends the whole file again, not what is left of a consumed stream.
      assertThat(request.getBody().utf8()).contains(trainingText(tag)).contains("fine-tune");
    }
  },

  JOB_CREATE("fine-tuning job create") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(Bodies.job("ftjob-" + tag, "validating_files"));
    }

    @Override
    Result invoke(Env env, String tag) {
      CreateJobRequest request =
          CreateJobRequest.builder("gpt-4o-mini-2024-07-18", "file-train")
              .suffix("jung")
              .metadata("source", "dream #" + tag)
              .epochs(3)
              .build();
      FineTuningJob job = FineTuningService.of(env.client()).jobs().create(request);
      return new Result(job.id(), Optional.empty());
    }

    @Override
    Object expected(String tag) {
      return "ftjob-" + tag;
    }
  },

  JOB_RETRIEVE("fine-tuning job retrieve") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(Bodies.job("ftjob-" + tag, "running"));
    }

    @Override
    Result invoke(Env env, String tag) {
      return new Result(
          FineTuningService.of(env.client()).jobs().retrieve("ftjob-" + tag).id(), Optional.empty());
    }

    @Override
    Object expected(String tag) {
      return "ftjob-" + tag;
    }
  },

  LIST("fine-tuning job list page") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(Bodies.jobPage(true, "ftjob-" + tag + "-older"));
    }

    @Override
    Result invoke(Env env, String tag) {
      Page<FineTuningJob> page =
          FineTuningService.of(env.client())
              .jobs()
              .list(JobListQuery.DEFAULT.withLimit(1).withAfter("ftjob-" + tag));
      return new Result(page.data().isEmpty() ? "" : page.data().get(0).id(), Optional.empty());
    }

    @Override
    Object expected(String tag) {
      return "ftjob-" + tag + "-older";
    }
  },

  MODELS_LIST("models list") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(Bodies.models("gpt-4o-mini", "ft:gpt-4o-mini:reve:" + tag + ":x1"));
    }

    @Override
    Result invoke(Env env, String tag) {
      // The request ModelService.list() sends, through the layer that exposes the metadata.
      ApiResponse<ModelService.ModelPage> page =
          env.client().transport().send(ApiRequest.get("models").build(), ModelService.ModelPage.class);
      String found =
          page.body().data().stream().filter(Model::isFineTuned).map(Model::id).findFirst().orElse("");
      return new Result(found, Optional.of(page.metadata()));
    }

    @Override
    Object expected(String tag) {
      return "ft:gpt-4o-mini:reve:" + tag + ":x1";
    }

    @Override
    Optional<String> tagOf(RecordedRequest request) {
      return Optional.empty();
    }

    @Override
    void checkRequest(RecordedRequest request, String tag) {
      assertThat(request.getRequestLine()).startsWith("GET /v1/models ");
    }
  };

  private static final Pattern TAG = Pattern.compile("(?:dream #|ftjob-)([A-Za-z0-9]+)");

  private final String description;

  CallType(String description) {
    this.description = description;
  }

  /** The healthy answer, tagged. */
  abstract MockResponse.Builder success(MockResponse.Builder b, String tag);

  /** Makes the call through the SDK's public API. */
  abstract Result invoke(Env env, String tag);

  /** What {@link Result#value()} is for a healthy answer to {@code tag}. */
  Object expected(String tag) {
    return answer(tag);
  }

  /** Checks one recorded attempt of the call tagged {@code tag}. */
  void checkRequest(RecordedRequest request, String tag) {
    assertThat(tagOf(request)).as("tag of %s", request.getRequestLine()).contains(tag);
  }

  /** The tag a request carries (in its body or its URL), empty when its kind carries none. */
  Optional<String> tagOf(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Matcher m = TAG.matcher(request.getTarget() + " " + body);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether the answer is an event stream. */
  boolean streams() {
    return false;
  }

  /** The healthy answer, tagged. */
  public MockResponse success(String tag) {
    return success(new MockResponse.Builder(), tag).build();
  }

  /**
   * What a call needs: the client and a folder for files to upload.
   *
   * @param client the client under test
   * @param dir a writable folder
   */
  record Env(OpenAiClient client, Path dir) {}

  /**
   * The value a call produced and, where the SDK exposes it, the metadata of its exchange.
   *
   * @param value what the test compares with {@link #expected(String)}
   * @param metadata attempts, status, request id; empty where the service returns bodies only
   */
  record Result(Object value, Optional<ResponseMetadata> metadata) {}

  static ChatRequest chatRequest(String tag) {
    return ChatRequest.builder()
        .model("gpt-4o-mini")
        .addMessage(ChatMessage.system("You interpret dreams in the manner of C. G. Jung."))
        .addMessage(ChatMessage.user("dream #" + tag + ": a house with a cellar below the cellar."))
        .build();
  }

  static String answer(String tag) {
    return "Answer for " + tag + ".";
  }

  static String fileName(String tag) {
    return "dreams-" + tag + ".jsonl";
  }

  static String trainingText(String tag) {
    String line =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"dream #" + tag + "\"},"
            + "{\"role\":\"assistant\",\"content\":\"A threshold between two worlds.\"}]}\n";
    return line.repeat(40);
  }

  static MockResponse.Builder json(MockResponse.Builder b) {
    return b.addHeader("Content-Type", "application/json");
  }

  @Override
  public String toString() {
    return description;
  }
}
