package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.conformance.support.Bodies;
import dev.reve.openai.ApiRequest;
import dev.reve.openai.ApiResponse;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.ResponseMetadata;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.models.Model;
import dev.reve.openai.models.ModelService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A kind of call the SDK makes, with its healthy answer. Every call carries a tag (a request
 * number in the soak) that the healthy answer echoes, so a result can be traced to its request.
 */
public enum CallType {
  CHAT("chat completion") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(Bodies.chatCompletion(answer(tag)));
    }

    @Override
    Result invoke(OpenAiClient client, String tag) {
      ChatCompletion completion = client.chat().create(request(tag));
      return new Result(completion.text().orElse(""), completion.responseMetadata());
    }

    @Override
    String tagOf(RecordedRequest request) {
      return tagInBody(request);
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
          .body(Bodies.stream("Answer for ", tag + "."));
    }

    @Override
    Result invoke(OpenAiClient client, String tag) {
      List<String> deltas = new CopyOnWriteArrayList<>();
      ChatCompletion completion = client.chat().stream(request(tag), deltas::add);
      // The listener saw each piece exactly once, even when an attempt before it failed.
      assertThat(String.join("", deltas)).isEqualTo(completion.text().orElse(""));
      return new Result(completion.text().orElse(""), completion.responseMetadata());
    }

    @Override
    String tagOf(RecordedRequest request) {
      return tagInBody(request);
    }
  },

  LIST("models list") {
    @Override
    MockResponse.Builder success(MockResponse.Builder b, String tag) {
      return json(b).body(Bodies.models("gpt-4o-mini", "ft:gpt-4o-mini:reve:" + tag + ":x1"));
    }

    @Override
    Result invoke(OpenAiClient client, String tag) {
      // The request ModelService.list() sends, through the layer that exposes the metadata.
      ApiResponse<ModelService.ModelPage> page =
          client.execute(ApiRequest.get("models").build(), ModelService.ModelPage.class);
      String found =
          page.body().data().stream().filter(Model::isFineTuned).map(Model::id).findFirst().orElse("");
      return new Result(found, page.metadata());
    }

    @Override
    Object expected(String tag) {
      return "ft:gpt-4o-mini:reve:" + tag + ":x1";
    }
  };

  private static final Pattern TAG = Pattern.compile("dream #([A-Za-z0-9-]+)");

  private final String description;

  CallType(String description) {
    this.description = description;
  }

  /** The healthy answer, tagged. */
  abstract MockResponse.Builder success(MockResponse.Builder b, String tag);

  /** Makes the call through the SDK's public API. */
  abstract Result invoke(OpenAiClient client, String tag);

  /** What {@link Result#value()} is for a healthy answer to {@code tag}. */
  Object expected(String tag) {
    return answer(tag);
  }

  /** The tag a request carries, or null when its kind cannot carry one. */
  String tagOf(RecordedRequest request) {
    return null;
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
   * The value a call produced and the metadata of its exchange.
   *
   * @param value what the test compares with {@link #expected(String)}
   * @param metadata attempts, status, request id
   */
  record Result(Object value, ResponseMetadata metadata) {}

  static ChatRequest request(String tag) {
    return ChatRequest.builder()
        .model("gpt-4o-mini")
        .addMessage(ChatMessage.system("You interpret dreams in the manner of C. G. Jung."))
        .addMessage(ChatMessage.user("dream #" + tag + ": a house with a cellar below the cellar."))
        .build();
  }

  static String answer(String tag) {
    return "Answer for " + tag + ".";
  }

  static String tagInBody(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Matcher m = TAG.matcher(body);
    return m.find() ? m.group(1) : null;
  }

  static MockResponse.Builder json(MockResponse.Builder b) {
    return b.addHeader("Content-Type", "application/json");
  }

  @Override
  public String toString() {
    return description;
  }
}
