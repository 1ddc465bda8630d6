package dev.reve.analysis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Models files that are not small regular files are refused without being opened. */
class HostileModelsFileTest {
  @TempDir Path dir;

  private static ModelChoice resolve(Path file) {
    return ModelResolver.builder().environment(Map.of()).systemProperties(new java.util.Properties())
        .modelsFile(file).build().resolve(BuiltInAnalysts.JUNG);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void devZeroIsRefused() {
    assertThatThrownBy(() -> resolve(Path.of("/dev/zero")))
        .isInstanceOf(ModelConfigurationException.class).hasMessageContaining("not a regular file");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoIsRefusedWithoutHanging() throws Exception {
    Path fifo = dir.resolve("reve-models.properties");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.assertj.core.api.Assertions.assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> resolve(fifo))
        .isInstanceOf(ModelConfigurationException.class).hasMessageContaining("not a regular file");
  }

  @Test
  void aDirectoryIsRefused() {
    assertThatThrownBy(() -> resolve(dir))
        .isInstanceOf(ModelConfigurationException.class).hasMessageContaining("is a directory");
  }

  @Test
  void aFiftyMegabyteValueIsRefused() throws Exception {
    Path file = dir.resolve("big.properties");
    try (var out = Files.newOutputStream(file)) {
      out.write("jung.model=".getBytes());
      byte[] block = "x".repeat(1 << 20).getBytes();
      for (int i = 0; i < 50; i++) {
        out.write(block);
      }
    }

    assertThatThrownBy(() -> resolve(file))
        .isInstanceOf(ModelConfigurationException.class).hasMessageContaining("bytes, more than the");
  }

  @Test
  void invalidUtf8IsRefused() throws Exception {
    Path file = dir.resolve("latin1.properties");
    Files.write(file, new byte[] {'j', 'u', 'n', 'g', '.', 'm', 'o', 'd', 'e', 'l', '=', (byte) 0xE9});

    assertThatThrownBy(() -> resolve(file))
        .isInstanceOf(ModelConfigurationException.class).hasMessageContaining("not valid UTF-8");
  }
}
