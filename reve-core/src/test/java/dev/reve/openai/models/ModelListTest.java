package dev.reve.openai.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.MalformedResponseException;
import dev.reve.testing.MockOpenAi;
import java.time.LocalDate;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET models} in OpenAI's envelope and as the bare array Together AI answers. */
class ModelListTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  private void answer(String body) {
    api.server().enqueue(new MockResponse.Builder().body(body).build());
  }

  @Test
  void openAisEnvelopeIsRead() {
    answer("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"created\":1715367049,"
        + "\"owned_by\":\"system\",\"shutdown_date\":\"2027-01-14\"},null]}");

    assertThat(api.client().models().list())
        .singleElement()
        .satisfies(m -> {
          assertThat(m.id()).isEqualTo("gpt-4o");
          assertThat(m.created()).isEqualTo(1715367049L);
          assertThat(m.shutdown()).contains(LocalDate.of(2027, 1, 14));
        });
  }

  @Test
  void aBareArrayIsRead() {
    answer("[{\"id\":\"meta-llama/Meta-Llama-3.1-8B-Instruct-Reference\",\"object\":\"model\","
        + "\"created\":1.7E9,\"type\":\"chat\"},{\"id\":\"acct/jung-ft\"}]");

    assertThat(api.client().models().listAsync().join())
        .extracting(Model::id, Model::created)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", 1_700_000_000L),
            org.assertj.core.groups.Tuple.tuple("acct/jung-ft", 0L));
  }

  @Test
  void aBodyWithoutModelsIsAnEmptyList() {
    answer("{\"object\":\"list\"}");

    assertThat(api.client().models().list()).isEmpty();
  }

  @Test
  void aModelOfTheWrongShapeIsAMalformedResponse() {
    answer("[{\"id\":[1,2]}]");

    assertThatThrownBy(() -> api.client().models().list())
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("a model");
  }
}
