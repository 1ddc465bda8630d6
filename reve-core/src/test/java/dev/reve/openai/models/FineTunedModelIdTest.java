package dev.reve.openai.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FineTunedModelIdTest {
  @Test
  void readsTheBaseModelOrganizationAndSuffix() {
    FineTunedModelId id = FineTunedModelId.parse("ft:gpt-4o-2024-08-06:acme:jung:AbC123").orElseThrow();

    assertThat(id.baseModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(id.organization()).contains("acme");
    assertThat(id.suffix()).contains("jung");
  }

  @Test
  void anEmptySuffixIsAbsent() {
    FineTunedModelId id = FineTunedModelId.parse("FT:gpt-4o-mini:acme::xyz").orElseThrow();

    assertThat(id.baseModel()).isEqualTo("gpt-4o-mini");
    assertThat(id.suffix()).isEmpty();
  }

  @Test
  void otherIdsAreNotFineTunedIds() {
    assertThat(FineTunedModelId.parse("gpt-4o")).isEmpty();
    assertThat(FineTunedModelId.parse("ft:")).isEmpty();
    assertThat(FineTunedModelId.parse("ft::acme")).isEmpty();
  }
}
