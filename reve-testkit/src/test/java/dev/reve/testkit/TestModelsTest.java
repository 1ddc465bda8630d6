package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.ModelResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestModelsTest {
  @Test
  void ignoresSystemPropertiesThatWouldOtherwiseWin() {
    String key = "reve.model.jung";
    String before = System.getProperty(key);
    System.setProperty(key, "ft:from-a-system-property");
    try {
      assertThat(TestModels.resolver().resolve(BuiltInAnalysts.JUNG).model()).isEqualTo(ModelResolver.DEFAULT_BASE_MODEL);
      assertThat(ModelResolver.standard().resolve(BuiltInAnalysts.JUNG).model()).isEqualTo("ft:from-a-system-property");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void servesTheGivenModelsAndTheBaseModelForTheRest() {
    ModelResolver resolver = TestModels.resolver(Map.of("jung", "ft:gpt-4o-mini:acme:jung:A1"));
    assertThat(resolver.resolve(BuiltInAnalysts.JUNG).model()).isEqualTo("ft:gpt-4o-mini:acme:jung:A1");
    assertThat(resolver.resolve(BuiltInAnalysts.FREUD).model()).isEqualTo(ModelResolver.DEFAULT_BASE_MODEL);
  }
}
