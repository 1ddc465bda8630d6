package dev.reve.finetune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to fine-tune: {@code POST fine_tuning/jobs} with the supervised method. Build with {@link
 * #builder(String, String)}; limits from OpenAI's API description are checked on build.
 *
 * @param model the base model, such as {@code gpt-4o-mini-2024-07-18}
 * @param trainingFile the uploaded training file's id
 * @param validationFile the uploaded validation file's id
 * @param suffix up to 64 characters added to the model name
 * @param seed the seed, 0 to 2147483647
 * @param metadata up to 16 pairs; keys up to 64 characters, values up to 512
 * @param hyperparameters the supervised hyperparameters
 */
public record CreateJobRequest(
    String model,
    String trainingFile,
    Optional<String> validationFile,
    Optional<String> suffix,
    Optional<Integer> seed,
    Map<String, String> metadata,
    SupervisedHyperparameters hyperparameters) {

  /** The longest suffix OpenAI accepts. */
  public static final int MAX_SUFFIX_LENGTH = 64;
  /** The most metadata pairs OpenAI accepts. */
  public static final int MAX_METADATA_PAIRS = 16;
  /** The longest metadata key. */
  public static final int MAX_METADATA_KEY = 64;
  /** The longest metadata value. */
  public static final int MAX_METADATA_VALUE = 512;

  /** Checks every limit. */
  public CreateJobRequest {
    dev.reve.openai.spi.Json.requireText(model, "model");
    dev.reve.openai.spi.Json.requireText(trainingFile, "trainingFile");
    validationFile = dev.reve.openai.spi.Json.opt(validationFile).filter(v -> !v.isBlank());
    suffix = dev.reve.openai.spi.Json.opt(suffix);
    suffix.ifPresent(CreateJobRequest::checkSuffix);
    seed = dev.reve.openai.spi.Json.opt(seed);
    seed.ifPresent(
        s -> {
          if (s < 0) {
            throw new IllegalArgumentException("seed must be from 0 to 2147483647, was " + s);
          }
        });
    metadata = checkMetadata(metadata == null ? Map.of() : metadata);
    hyperparameters = hyperparameters == null ? SupervisedHyperparameters.AUTO : hyperparameters;
  }

  /** A builder for a job on {@code model} trained on the uploaded file {@code trainingFileId}. */
  public static Builder builder(String model, String trainingFileId) {
    return new Builder(model, trainingFileId);
  }

  /**
   * Checks a model-name suffix: 1 to 64 characters (OpenAI's limit), and no ':' (it separates the
   * parts of a fine-tuned model id), whitespace or control characters.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String checkSuffix(String suffix) {
    Objects.requireNonNull(suffix, "suffix");
    if (suffix.isEmpty() || suffix.length() > MAX_SUFFIX_LENGTH) {
      throw new IllegalArgumentException(
          "suffix must be 1 to " + MAX_SUFFIX_LENGTH + " characters, was " + suffix.length()
              + " ('" + suffix + "')");
    }
    for (int i = 0; i < suffix.length(); i++) {
      char c = suffix.charAt(i);
      if (c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "suffix '" + suffix + "' must not contain ':', spaces or control characters; use"
                + " letters, digits, '-' or '_'");
      }
    }
    return suffix;
  }

  private static Map<String, String> checkMetadata(Map<String, String> metadata) {
    if (metadata.size() > MAX_METADATA_PAIRS) {
      throw new IllegalArgumentException(
          "metadata holds at most " + MAX_METADATA_PAIRS + " pairs, got " + metadata.size());
    }
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "metadata key");
          Objects.requireNonNull(v, "metadata value for " + k);
          if (k.isEmpty() || k.length() > MAX_METADATA_KEY) {
            throw new IllegalArgumentException(
                "metadata key '" + k + "' must be 1 to " + MAX_METADATA_KEY + " characters");
          }
          if (v.length() > MAX_METADATA_VALUE) {
            throw new IllegalArgumentException(
                "metadata value for '" + k + "' must be at most " + MAX_METADATA_VALUE
                    + " characters, was " + v.length());
          }
          copy.put(k, v);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** The JSON body. */
  Map<String, Object> toWire() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("training_file", trainingFile);
    validationFile.ifPresent(v -> body.put("validation_file", v));
    suffix.ifPresent(s -> body.put("suffix", s));
    seed.ifPresent(s -> body.put("seed", s));
    if (!metadata.isEmpty()) {
      body.put("metadata", new LinkedHashMap<>(metadata));
    }
    Map<String, Object> supervised = new LinkedHashMap<>();
    supervised.put("hyperparameters", hyperparameters.toWire());
    Map<String, Object> method = new LinkedHashMap<>();
    method.put("type", "supervised");
    method.put("supervised", supervised);
    body.put("method", method);
    return body;
  }

  /** Builds a {@link CreateJobRequest}. */
  public static final class Builder {
    private final String model;
    private final String trainingFile;
    private String validationFile;
    private String suffix;
    private Integer seed;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private SupervisedHyperparameters hyperparameters = SupervisedHyperparameters.AUTO;

    private Builder(String model, String trainingFile) {
      this.model = model;
      this.trainingFile = trainingFile;
    }

    /** The uploaded validation file's id. */
    public Builder validationFile(String fileId) {
      this.validationFile = fileId;
      return this;
    }

    /** Up to 64 characters added to the model name. */
    public Builder suffix(String value) {
      this.suffix = value;
      return this;
    }

    /** A seed for reproducible training, 0 to 2147483647. */
    public Builder seed(int value) {
      this.seed = value;
      return this;
    }

    /** Adds one metadata pair. */
    public Builder metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /** Adds every pair of {@code values}. */
    public Builder metadata(Map<String, String> values) {
      metadata.putAll(values);
      return this;
    }

    /** All three hyperparameters at once. */
    public Builder hyperparameters(SupervisedHyperparameters value) {
      this.hyperparameters = Objects.requireNonNull(value, "hyperparameters");
      return this;
    }

    /** {@code n_epochs}, 1 to 50. */
    public Builder epochs(int value) {
      hyperparameters = hyperparameters.withEpochs(Hyperparameter.of(value));
      return this;
    }

    /** {@code batch_size}, 1 to 256. */
    public Builder batchSize(int value) {
      hyperparameters = hyperparameters.withBatchSize(Hyperparameter.of(value));
      return this;
    }

    /** {@code learning_rate_multiplier}, above 0. */
    public Builder learningRateMultiplier(double value) {
      hyperparameters = hyperparameters.withLearningRateMultiplier(Hyperparameter.of(value));
      return this;
    }

    /** Builds the request. */
    public CreateJobRequest build() {
      return new CreateJobRequest(
          model,
          trainingFile,
          Optional.ofNullable(validationFile),
          Optional.ofNullable(suffix),
          Optional.ofNullable(seed),
          metadata,
          hyperparameters);
    }
  }
}
