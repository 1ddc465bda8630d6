package dev.reve.openai.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.files.UploadedFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AbsentAsEmptyTest {
  private static final JsonAdapter<Page<UploadedFile>> FILES =
      Json.MOSHI.adapter(Types.newParameterizedType(Page.class, UploadedFile.class));
  private static final JsonAdapter<Probe> PROBE = Json.MOSHI.adapter(Probe.class);

  /** A record with no hand-written normalisation at all. */
  public record Probe(
      java.util.Optional<String> name, java.util.List<String> tags, Map<String, String> labels) {}

  @Test
  void absentOrNullFieldsOfARecordReadAsEmpty() throws Exception {
    Probe probe = PROBE.fromJson("{\"labels\":null}");
    assertThat(probe.name()).isEmpty();
    assertThat(probe.tags()).isEmpty();
    assertThat(probe.labels()).isEmpty();
  }

  @Test
  void nullEntriesAreDroppedAndPresentValuesKept() throws Exception {
    Probe probe = PROBE.fromJson("{\"name\":\"n\",\"tags\":[\"a\",null,\"b\"],\"labels\":{\"k\":\"v\",\"x\":null}}");
    assertThat(probe.name()).contains("n");
    assertThat(probe.tags()).containsExactly("a", "b");
    assertThat(probe.labels()).containsExactly(Map.entry("k", "v"));
  }

  @Test
  void nestedRecordsInAGenericPageAreFilledToo() throws Exception {
    Page<UploadedFile> page =
        FILES.fromJson("{\"data\":[null,{\"id\":\"file-1\",\"bytes\":3,\"filename\":\"a.jsonl\"}]}");
    assertThat(page.data()).hasSize(1);
    assertThat(page.data().get(0).status()).isEmpty();
    assertThat(page.firstId()).isEmpty();
    assertThat(page.more()).isFalse();
  }
}
