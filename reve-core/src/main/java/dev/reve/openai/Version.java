package dev.reve.openai;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK version, as sent in {@code User-Agent}. */
public final class Version {
  /** The version of this build, such as {@code 0.1.0}. */
  public static final String VERSION = load();

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty("version", "dev");
      return value.startsWith("${") ? "dev" : value;
    } catch (IOException e) {
      return "dev";
    }
  }
}
