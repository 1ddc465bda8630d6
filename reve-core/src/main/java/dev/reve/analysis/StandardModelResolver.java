package dev.reve.analysis;

import dev.reve.openai.call.AuthStyle;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The resolver behind {@link ModelResolver#builder()}; see there for the order it follows. */
final class StandardModelResolver implements ModelResolver {
  private final Map<String, String> codeModels;
  private final Map<String, String> codeBaseUrls;
  private final Map<String, String> codeApiKeys;
  private final Map<String, String> env;
  private final Properties properties;
  private final String codeBaseModel;
  private final ModelsFile modelsFile;

  StandardModelResolver(ModelResolver.Builder b) {
    this.codeModels = Map.copyOf(b.models);
    this.codeBaseUrls = Map.copyOf(b.baseUrls);
    this.codeApiKeys = Map.copyOf(b.apiKeys);
    this.env = b.environment != null ? b.environment : System.getenv();
    this.properties = b.systemProperties != null ? b.systemProperties : System.getProperties();
    this.codeBaseModel = b.baseModel;
    this.modelsFile = b.useModelsFile ? locateModelsFile(b.modelsFile) : null;
  }

  private ModelsFile locateModelsFile(Path explicit) {
    if (explicit != null) {
      return new ModelsFile(explicit, true, "the models file " + explicit);
    }
    String property = text(properties.getProperty(MODELS_FILE_PROPERTY));
    if (property != null) {
      return new ModelsFile(Path.of(property), true, "system property " + MODELS_FILE_PROPERTY);
    }
    String variable = text(env.get(MODELS_FILE_ENV));
    if (variable != null) {
      return new ModelsFile(Path.of(variable), true, "environment variable " + MODELS_FILE_ENV);
    }
    return new ModelsFile(Path.of(DEFAULT_MODELS_FILE), false, "default models file");
  }

  @Override
  public ModelChoice resolve(AnalystProfile analyst) {
    String id = analyst.id();
    Properties file = modelsFile == null ? new Properties() : modelsFile.read();
    String fileName = modelsFile == null ? "" : modelsFile.path.toString();

    List<Layer> layers = new ArrayList<>();
    layers.add(
        new Layer(
            ModelSource.CODE,
            codeModels.get(id),
            "ModelResolver.builder().model(\"" + id + "\", ...)",
            codeBaseUrls.get(id)));
    layers.add(
        new Layer(
            ModelSource.SYSTEM_PROPERTY,
            text(properties.getProperty(analyst.modelSystemProperty())),
            "system property " + analyst.modelSystemProperty(),
            text(properties.getProperty(analyst.baseUrlSystemProperty()))));
    layers.add(
        new Layer(
            ModelSource.ENVIRONMENT,
            text(env.get(analyst.modelEnvironmentVariable())),
            "environment variable " + analyst.modelEnvironmentVariable(),
            text(env.get(analyst.baseUrlEnvironmentVariable()))));
    layers.add(
        new Layer(
            ModelSource.MODELS_FILE,
            text(file.getProperty(analyst.modelsFileModelKey())),
            fileName + ": " + analyst.modelsFileModelKey(),
            text(file.getProperty(analyst.modelsFileBaseUrlKey()))));

    String[] base = baseModel();
    int chosen = layers.size();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).model != null) {
        chosen = i;
        break;
      }
    }
    String baseUrl = null;
    for (int i = 0; i < Math.min(chosen + 1, layers.size()) && baseUrl == null; i++) {
      baseUrl = layers.get(i).baseUrl;
    }
    String apiKey = codeApiKeys.get(id);
    if (apiKey == null) {
      apiKey = text(env.get(analyst.apiKeyEnvironmentVariable()));
    }
    // Promotion onto another provider names the variable holding that provider's key.
    String keyVariable = text(file.getProperty(analyst.modelsFileApiKeyVariableKey()));
    if (apiKey == null && keyVariable != null) {
      apiKey = text(env.get(keyVariable));
    }
    Optional<AuthStyle> auth = authStyle(file, fileName, analyst);
    if (chosen == layers.size()) {
      return new ModelChoice(
          id,
          base[0],
          ModelSource.BASE_MODEL,
          base[1],
          Optional.ofNullable(baseUrl),
          Optional.ofNullable(apiKey),
          base[0],
          base[1],
          auth);
    }
    Layer layer = layers.get(chosen);
    return new ModelChoice(
        id,
        layer.model,
        layer.source,
        layer.setting,
        Optional.ofNullable(baseUrl),
        Optional.ofNullable(apiKey),
        base[0],
        base[1],
        auth);
  }

  private static Optional<AuthStyle> authStyle(Properties file, String fileName, AnalystProfile analyst) {
    String value = text(file.getProperty(analyst.modelsFileAuthKey()));
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(AuthStyle.of(value));
    } catch (IllegalArgumentException e) {
      throw new ModelConfigurationException(
          fileName + ": " + analyst.modelsFileAuthKey() + "=" + value + " is not an auth style; use"
              + " bearer or api-key (Azure OpenAI)");
    }
  }

  /** The base model and the setting that chose it. */
  private String[] baseModel() {
    if (codeBaseModel != null) {
      return new String[] {codeBaseModel, "ModelResolver.builder().baseModel(...)"};
    }
    String property = text(properties.getProperty(BASE_MODEL_PROPERTY));
    if (property != null) {
      return new String[] {property, "system property " + BASE_MODEL_PROPERTY};
    }
    String variable = text(env.get(BASE_MODEL_ENV));
    if (variable != null) {
      return new String[] {variable, "environment variable " + BASE_MODEL_ENV};
    }
    return new String[] {
      DEFAULT_BASE_MODEL, "the default base model (set " + BASE_MODEL_ENV + " to change it)"
    };
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private record Layer(ModelSource source, String model, String setting, String baseUrl) {}

  /** A models file, read again whenever its size or modification time changes. */
  private static final class ModelsFile {
    /** Far above any real models file (a few lines per analyst). */
    private static final int MAX_BYTES = 1024 * 1024;

    private final Path path;
    private final boolean required;
    private final String origin;
    private Object stamp;
    private Properties cached = new Properties();

    ModelsFile(Path path, boolean required, String origin) {
      this.path = path;
      this.required = required;
      this.origin = origin;
    }

    synchronized Properties read() {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(path, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        if (required) {
          throw new ModelConfigurationException(
              "The models file "
                  + path.toAbsolutePath()
                  + " (from "
                  + origin
                  + ") does not exist: run reve-finetune's promote step to write it, correct the"
                  + " path, or remove the setting to use the base model");
        }
        stamp = null;
        cached = new Properties();
        return cached;
      } catch (IOException e) {
        throw unreadable(e);
      }
      if (!attributes.isRegularFile()) {
        throw refused(attributes.isDirectory() ? "is a directory" : "is not a regular file (a FIFO,"
            + " a device or a socket); it is never opened, so reading cannot hang");
      }
      if (attributes.size() > MAX_BYTES) {
        throw refused("holds " + attributes.size() + " bytes, more than the " + MAX_BYTES
            + " a models file may have");
      }
      // The file key (inode) changes on every atomic replace, as promote writes the file, even
      // when the size and the coarse modification time stay the same.
      List<Object> now =
          List.of(
              attributes.lastModifiedTime(),
              attributes.size(),
              String.valueOf(attributes.fileKey()));
      if (now.equals(stamp)) {
        return cached;
      }
      Properties loaded = new Properties();
      try (java.io.InputStream in = Files.newInputStream(path)) {
        byte[] data = in.readNBytes(MAX_BYTES + 1);
        if (data.length > MAX_BYTES) {
          throw refused("grew past " + MAX_BYTES + " bytes while being read");
        }
        String text = StandardCharsets.UTF_8.newDecoder()
            .decode(java.nio.ByteBuffer.wrap(data)).toString();
        loaded.load(new java.io.StringReader(text));
      } catch (java.nio.charset.CharacterCodingException e) {
        throw refused("is not valid UTF-8");
      } catch (IOException | IllegalArgumentException e) {
        throw unreadable(e);
      }
      stamp = now;
      cached = loaded;
      return cached;
    }

    private ModelConfigurationException refused(String why) {
      return new ModelConfigurationException(
          "The models file " + path.toAbsolutePath() + " (from " + origin + ") " + why
              + "; it must be a small UTF-8 properties file with lines like jung.model=ft:...");
    }

    private ModelConfigurationException unreadable(Exception e) {
      return new ModelConfigurationException(
          "Cannot read the models file "
              + path.toAbsolutePath()
              + " (from "
              + origin
              + "): "
              + e.getMessage()
              + "; it must be a UTF-8 properties file with lines like jung.model=ft:...",
          e);
    }
  }
}
