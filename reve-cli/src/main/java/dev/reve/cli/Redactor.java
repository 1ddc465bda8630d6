package dev.reve.cli;

import java.util.ArrayList;
import java.util.List;

/** Masks the API keys the command knows of in any text it is about to print. */
final class Redactor {
  private final CliEnvironment env;
  private final GlobalOptions global;

  Redactor(CliEnvironment env, GlobalOptions global) {
    this.env = env;
    this.global = global;
  }

  /**
   * {@code text} with every known key replaced by {@code [redacted]} and terminal control
   * sequences made visible ({@link TerminalText}); never null.
   */
  String mask(String text) {
    if (text == null) {
      return "";
    }
    String masked = text;
    for (String secret : secrets()) {
      masked = masked.replace(secret, "[redacted]");
    }
    return TerminalText.neutralise(masked);
  }

  private List<String> secrets() {
    List<String> list = new ArrayList<>();
    env.env().forEach((name, value) -> {
      if (name.endsWith("API_KEY") && value != null && value.strip().length() >= 4) {
        list.add(value.strip());
      }
    });
    global.loadedKey().filter(s -> s.length() >= 4).ifPresent(list::add);
    return list;
  }
}
