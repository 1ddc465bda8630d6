package dev.reve.conformance.prism;

import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.ProviderKind;
import dev.reve.finetune.TogetherOptions;
import dev.reve.openai.OpenAiClient;
import dev.reve.testkit.VirtualTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the Together AI conformance classes share: the service over a Together Prism, and a file's hash. */
final class TogetherPrism {
  /** A base model Together AI fine-tunes; Prism accepts any string. */
  static final String BASE_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

  private TogetherPrism() {}

  /** Together AI at this Prism's base URL, as {@code --provider together --base-url} configures it. */
  static FineTuningProvider provider(PrismServer prism) {
    return FineTuningProvider.of(ProviderKind.TOGETHER, prism.baseUrl());
  }

  /** The fine-tuning service over {@code client} on the Together provider. */
  static FineTuningService service(PrismServer prism, OpenAiClient client, TogetherOptions options) {
    VirtualTime time = new VirtualTime();
    return FineTuningService.builder(client)
        .provider(provider(prism))
        .together(options)
        .sleeper(time)
        .clock(time)
        .build();
  }

  static FineTuningService service(PrismServer prism, OpenAiClient client) {
    return service(prism, client, TogetherOptions.DEFAULT);
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
