package dev.reve.openai;

import dev.reve.openai.call.ResponseMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.MalformedResponseException;

import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.openai.models.Model;
import dev.reve.testing.MockOpenAi;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TolerantParsingTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  @BeforeEach
  void start() {
  }

  private ChatCompletion answer(String body) {
    api.server().enqueue(new MockResponse.Builder().body(body).build());
    return api.client().chat().create(ChatRequest.builder().model("m").addMessage(ChatMessage.user("x")).build());
  }

  @Test
  void unknownFieldsAndUnknownEnumValuesAreIgnoredOrKept() {
    ChatCompletion reply = answer("{\"id\":\"a\",\"brand_new_field\":{\"x\":[1,2]},\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"t\","
        + "\"annotations\":[],\"audio\":null},\"finish_reason\":\"thinking_too_hard\",\"logprobs\":null}],"
        + "\"service_tier\":\"flex\"}");

    assertThat(reply.text()).contains("t");
    assertThat(reply.finishReason()).isEqualTo(FinishReason.UNKNOWN);
    assertThat(reply.firstChoice().orElseThrow().finishReason()).contains("thinking_too_hard");
    assertThat(reply.serviceTier()).contains("flex");
  }

  @Test
  void missingOptionalFieldsAreFine() {
    ChatCompletion reply = answer("{\"choices\":[{\"message\":{\"content\":\"only this\"}}]}");

    assertThat(reply.text()).contains("only this");
    assertThat(reply.id()).isEmpty();
    assertThat(reply.usage()).isEmpty();
    assertThat(reply.finishReason()).isEqualTo(FinishReason.NONE);
  }

  @Test
  void nullsWhereValuesWereExpectedAreFine() {
    ChatCompletion reply = answer("{\"id\":null,\"created\":null,\"model\":null,"
        + "\"choices\":[{\"index\":null,\"message\":{\"content\":null},\"finish_reason\":null}],"
        + "\"usage\":{\"prompt_tokens\":null,\"completion_tokens\":2,\"total_tokens\":null,"
        + "\"prompt_tokens_details\":null,\"completion_tokens_details\":{\"reasoning_tokens\":null}}}");

    assertThat(reply.choices()).hasSize(1);
    assertThat(reply.text()).isEmpty();
    assertThat(reply.usage().orElseThrow().completionTokens()).isEqualTo(2);
    assertThat(reply.usage().orElseThrow().totalTokens()).isEqualTo(2);
  }

  @Test
  void aRefusalIsNotText() {
    ChatCompletion reply = answer("{\"choices\":[{\"message\":{\"content\":null,"
        + "\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}]}");

    assertThat(reply.text()).isEmpty();
    assertThat(reply.firstChoice().orElseThrow().message().refusal()).contains("I can't help with that.");
  }

  @Test
  void responseMetadataComesFromHeaders() {
    api.server().enqueue(new MockResponse.Builder()
        .addHeader("x-request-id", "req_42")
        .addHeader("openai-processing-ms", "321")
        .addHeader("x-ratelimit-limit-requests", "500")
        .addHeader("x-ratelimit-remaining-tokens", "149000")
        .addHeader("x-ratelimit-reset-requests", "120ms")
        .body(RetryTest.OK).build());

    ChatCompletion reply = api.client().chat().create(ChatRequest.builder().model("m").addMessage(ChatMessage.user("x")).build());

    ResponseMetadata meta = reply.responseMetadata();
    assertThat(meta.requestId()).contains("req_42");
    assertThat(meta.processingTime()).contains(Duration.ofMillis(321));
    assertThat(meta.rateLimit().limitRequests()).hasValue(500);
    assertThat(meta.rateLimit().remainingTokens()).hasValue(149000);
    assertThat(meta.rateLimit().resetRequests()).contains("120ms");
    assertThat(meta.statusCode()).isEqualTo(200);
  }

  @Test
  void requestCarriesOnlyTheParametersThatWereSet() throws Exception {
    api.server().enqueue(new MockResponse.Builder().body(RetryTest.OK).build());
    api.client().chat().create(ChatRequest.builder()
        .model("gpt-4o")
        .addMessage(ChatMessage.system("be brief"))
        .addMessage(ChatMessage.user("hi"))
        .temperature(0.7)
        .topP(0.9)
        .maxCompletionTokens(900)
        .stop(java.util.List.of("END"))
        .seed(42)
        .metadata(Map.of("app", "reve"))
        .store(false)
        .safetyIdentifier("user-hash")
        .responseFormat(ResponseFormat.jsonSchema("interpretation",
            Map.of("type", "object", "properties", Map.of()), true))
        .build());

    String body = api.server().takeRequest().getBody().utf8();

    assertThat(body).contains(
        "\"model\":\"gpt-4o\"",
        "{\"role\":\"system\",\"content\":\"be brief\"}",
        "\"temperature\":0.7", "\"top_p\":0.9", "\"max_completion_tokens\":900",
        "\"stop\":[\"END\"]", "\"seed\":42", "\"metadata\":{\"app\":\"reve\"}", "\"store\":false",
        "\"safety_identifier\":\"user-hash\"",
        "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"interpretation\"",
        "\"strict\":true");
    assertThat(body).doesNotContain("max_tokens\"", "\"stream\"", "\"name\":null", "null");
  }

  @Test
  void modelsCarryTheirShutdownDate() throws Exception {
    api.server().enqueue(new MockResponse.Builder().body("{\"id\":\"gpt-4o-2024-05-13\",\"object\":\"model\","
        + "\"created\":1715367049,\"owned_by\":\"system\",\"shutdown_date\":\"2027-01-14\"}").build());
    api.server().enqueue(new MockResponse.Builder().body("{\"id\":\"ft:gpt-4o-mini:org:jung:abc\",\"deleted\":true,"
        + "\"object\":\"model\"}").build());

    Model model = api.client().models().retrieve("gpt-4o-2024-05-13");
    var deleted = api.client().models().delete("ft:gpt-4o-mini:org:jung:abc");

    assertThat(model.shutdown()).contains(LocalDate.of(2027, 1, 14));
    assertThat(model.ownedBy()).contains("system");
    assertThat(deleted.deleted()).isTrue();
    assertThat(api.server().takeRequest().getUrl().encodedPath()).isEqualTo("/v1/models/gpt-4o-2024-05-13");
    var delete = api.server().takeRequest();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getUrl().encodedPath()).isEqualTo("/v1/models/ft:gpt-4o-mini:org:jung:abc");
  }

  @Test
  void modelIdsWithSlashesAreOneEncodedSegment() throws Exception {
    api.server().enqueue(new MockResponse.Builder().body("{\"id\":\"meta-llama/Llama-3.1-8B\"}").build());

    api.client().models().retrieve("meta-llama/Llama-3.1-8B");

    assertThat(api.server().takeRequest().getUrl().encodedPath()).isEqualTo("/v1/models/meta-llama%2FLlama-3.1-8B");
  }

  @Test
  void aJsonSchemaIsCopiedDeeplySoTheCallersMapCannotChangeARequest() {
    java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();
    properties.put("summary", new java.util.LinkedHashMap<>(Map.of("type", "string")));
    java.util.Map<String, Object> schema = new java.util.LinkedHashMap<>(Map.of("type", "object"));
    schema.put("properties", properties);

    ResponseFormat format = ResponseFormat.jsonSchema("s", schema, true);
    properties.put("injected", Map.of("type", "string"));

    Map<String, Object> kept = format.jsonSchema().orElseThrow().schema();
    Map<?, ?> keptProperties = (Map<?, ?>) kept.get("properties");
    assertThat(keptProperties.containsKey("injected")).isFalse();
    assertThat(keptProperties.size()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> kept.put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void parsingFromTheSocketStillRejectsTrailingDataAndQuotesWhatCame() {
    assertThatThrownBy(() -> answer("{\"id\":\"a\",\"choices\":[]} and then some"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("and then some");
    assertThatThrownBy(() -> answer("{\"id\":\"a\",\"choices\":[]}{\"id\":\"b\"}"))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> answer("{\"id\":\"cut-off-here\",\"choices\":[{\"index\":0,"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("cut-off-here");
    assertThatThrownBy(() -> answer(""))
        .isInstanceOf(MalformedResponseException.class);
    // Broken far past the first bytes the client keeps: the quote is the body's beginning.
    String longBody = "{\"id\":\"the-beginning\",\"model\":\"" + "m".repeat(5_000) + "\",\"choices\":[}";
    assertThatThrownBy(() -> answer(longBody))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("the-beginning");
  }

  @Test
  void wholeNumbersReadFastFractionsAreCutAndOutOfRangeFails() {
    ChatCompletion reply = answer("{\"created\":1767225600,\"choices\":[{\"index\":0.9,"
        + "\"message\":{\"content\":\"t\"}}],\"usage\":{\"prompt_tokens\":\"12\","
        + "\"completion_tokens\":3e1,\"total_tokens\":-0}}");

    assertThat(reply.created()).isEqualTo(1_767_225_600L);
    assertThat(reply.firstChoice().orElseThrow().index()).isZero();
    assertThat(reply.usage().orElseThrow().promptTokens()).isEqualTo(12);
    assertThat(reply.usage().orElseThrow().completionTokens()).isEqualTo(30);
    assertThatThrownBy(() -> answer("{\"choices\":[{\"index\":3000000000}]}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> answer("{\"created\":99999999999999999999}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> answer("{\"created\":\"soon\"}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("Expected a number");
  }
}
