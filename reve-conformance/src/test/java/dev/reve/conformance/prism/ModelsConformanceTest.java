package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.conformance.support.NoNulls;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.Model;
import dev.reve.openai.models.ModelDeleted;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /models}, {@code GET /models/{id}} and {@code DELETE /models/{id}} against Prism. */
@ExtendWith(PrismExtension.class)
class ModelsConformanceTest {
  private static final String FINE_TUNED = "ft:gpt-4o-mini-2024-07-18:reve:jung:AbC123";

  @Test
  void listParsesPrismsExample(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      List<Model> models = client.models().list();
      assertThat(models).hasSize(1);
      Model model = models.get(0);
      assertThat(model.id()).isEqualTo("string");
      assertThat(model.ownedBy()).contains("string");
      assertThat(model.shutdown()).contains(LocalDate.of(2019, 8, 24));
      NoNulls.assertNone(models);
    }
  }

  @Test
  void retrieveAndDeleteAFineTunedModel(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      Model model = client.models().retrieve(FINE_TUNED);
      assertThat(model.id()).isEqualTo("string");
      NoNulls.assertNone(model);

      ModelDeleted deleted = client.models().delete(FINE_TUNED);
      assertThat(deleted.deleted()).isTrue();
      NoNulls.assertNone(deleted);
    }
  }

  @Test
  void asyncVariantsConform(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      assertThat(client.models().listAsync().join()).isNotEmpty();
      assertThat(client.models().retrieveAsync("gpt-4o-mini").join().id()).isNotEmpty();
    }
  }

  @Test
  void dynamicBodiesParseTolerantly(PrismServer prism) {
    try (OpenAiClient client = prism.dynamicClient()) {
      for (int round = 0; round < 10; round++) {
        List<Model> models = client.models().list();
        NoNulls.assertNone(models);
        models.forEach(m -> m.shutdown());
        Model one = client.models().retrieve(FINE_TUNED);
        NoNulls.assertNone(one);
        one.shutdown();
        NoNulls.assertNone(client.models().delete(FINE_TUNED));
      }
    }
  }
}
