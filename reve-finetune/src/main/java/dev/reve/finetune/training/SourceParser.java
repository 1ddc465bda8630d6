package dev.reve.finetune.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text of one {@code .dream} file (second edition, see FORMAT.md); errors name the line. */
final class SourceParser {
  private static final List<String> HEADER_KEYS = List.of(
      "id", "theme", "kind", "age", "culture", "register", "safety", "contrast", "title", "context",
      "associations");
  private static final Pattern HEADER = Pattern.compile("([A-Za-z_]+):(?: (.*))?");
  private static final Pattern ANALYST_ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  private static final String DREAMER = "Dreamer";

  private final String fileName;
  private final Map<String, String> header = new LinkedHashMap<>();
  private final Map<String, Integer> headerLines = new LinkedHashMap<>();
  private final Map<String, List<String>> conversations = new LinkedHashMap<>();
  private String dream;
  private String section;
  private String speaker;
  private int partLine;
  private final StringBuilder body = new StringBuilder();
  private List<String> turns;

  private SourceParser(String fileName) {
    this.fileName = fileName;
  }

  static TrainingSource parse(String fileName, String text) {
    return new SourceParser(fileName).run(text);
  }

  private TrainingSource run(String text) {
    if (text.startsWith("\uFEFF")) {
      throw fail(1, "starts with a byte order mark; save it as UTF-8 without BOM");
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int n = i + 1;
      if (line.indexOf('\r') >= 0) {
        throw fail(n, "has a CR character; use LF line endings");
      }
      if (line.startsWith("## ")) {
        flush();
        endConversation();
        startSection(line.substring(3).strip(), n);
      } else if (line.startsWith("### ")) {
        startTurn(line.substring(4).strip(), n);
      } else if (section != null) {
        body.append(line).append('\n');
      } else if (!line.isBlank()) {
        headerLine(line, n);
      }
    }
    flush();
    endConversation();
    return build();
  }

  private void endConversation() {
    if (turns != null && speaker.equals(DREAMER)) {
      throw fail(partLine, "ends the '## " + section + "' section with the dreamer; a conversation ends with the analyst's answer");
    }
  }

  private void headerLine(String line, int n) {
    Matcher m = HEADER.matcher(line);
    if (!m.matches()) {
      throw fail(n, "is not a 'key: value' header line; the header ends at '## Dream'");
    }
    String key = m.group(1);
    String value = m.group(2) == null ? "" : m.group(2).strip();
    if (!HEADER_KEYS.contains(key)) {
      throw fail(n, "has unknown header key '" + key + "'; use " + String.join(", ", HEADER_KEYS));
    }
    if (header.containsKey(key)) {
      throw fail(n, "repeats header key '" + key + "'");
    }
    if (value.isEmpty()) {
      throw fail(n, "has an empty '" + key + "'; leave the line out when there is no " + key);
    }
    header.put(key, value);
    headerLines.put(key, n);
  }

  private void startSection(String name, int n) {
    boolean isDream = name.equals(TrainingSources.DREAM_SECTION);
    if (!isDream && !ANALYST_ID.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
      throw fail(n, "section '## " + name + "' is neither '## Dream' nor an analyst name such as '## Jung'");
    }
    if (isDream ? dream != null : conversations.containsKey(name.toLowerCase(Locale.ROOT))) {
      throw fail(n, "repeats section '## " + name + "'; each section appears once");
    }
    section = name;
    speaker = name;
    partLine = n;
    body.setLength(0);
    turns = isDream ? null : new ArrayList<>();
    if (!isDream) {
      conversations.put(name.toLowerCase(Locale.ROOT), turns);
    }
  }

  private void startTurn(String name, int n) {
    if (section == null || turns == null) {
      throw fail(n, "has '### " + name + "' outside an analyst's section; turns belong under '## Jung' or '## Freud'");
    }
    flush();
    String expected = speaker.equals(DREAMER) ? section : DREAMER;
    if (!name.equals(expected)) {
      throw fail(n, "has '### " + name + "' where '### " + expected + "' comes next; turns alternate"
          + " between '### Dreamer' and '### " + section + "'");
    }
    speaker = name;
    partLine = n;
  }

  private void flush() {
    if (section == null) {
      return;
    }
    String text = body.toString().strip();
    body.setLength(0);
    if (text.isEmpty()) {
      throw fail(partLine, (turns == null || turns.isEmpty()
          ? "section '## " + section + "'" : "turn '### " + speaker + "'") + " is empty");
    }
    if (turns == null) {
      dream = text;
    } else {
      turns.add(text);
    }
  }

  private TrainingSource build() {
    String expectedId = fileName.endsWith(TrainingSources.EXTENSION)
        ? fileName.substring(0, fileName.length() - TrainingSources.EXTENSION.length())
        : fileName;
    String id = require("id");
    if (!id.equals(expectedId)) {
      throw fail(line("id"), "has id '" + id + "' but the file name says '" + expectedId + "'; make them equal");
    }
    String theme = require("theme");
    String kindText = require("kind");
    TrainingSource.Kind kind;
    try {
      kind = TrainingSource.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail(line("kind"), "has kind '" + kindText
          + "'; use typical, mundane, big, nightmare, recurring, series or safety");
    }
    Optional<Integer> age = Optional.ofNullable(header.get("age")).map(this::age);
    Optional<String> register = Optional.ofNullable(header.get("register"));
    if (register.isPresent() && !TrainingSource.REGISTERS.contains(register.get())) {
      throw fail(line("register"), "has register '" + register.get() + "'; use one of " + sorted(TrainingSource.REGISTERS));
    }
    Optional<String> safety = Optional.ofNullable(header.get("safety"));
    if (kind == TrainingSource.Kind.SAFETY && safety.isEmpty()) {
      throw fail(line("kind"), "is kind: safety without a 'safety:' line naming the situation, one of "
          + sorted(TrainingSource.SAFETY_SITUATIONS));
    }
    if (safety.isPresent() && !TrainingSource.SAFETY_SITUATIONS.contains(safety.get())) {
      throw fail(line("safety"), "has safety '" + safety.get() + "'; use one of " + sorted(TrainingSource.SAFETY_SITUATIONS));
    }
    if (dream == null) {
      throw fail(0, "has no '## Dream' section");
    }
    if (conversations.isEmpty()) {
      throw fail(0, "has no analysis section such as '## Jung' or '## Freud'");
    }
    Set<String> contrast = new LinkedHashSet<>();
    if (header.containsKey("contrast")) {
      for (String part : header.get("contrast").split(",")) {
        String analyst = part.strip().toLowerCase(Locale.ROOT);
        if (!conversations.containsKey(analyst)) {
          throw fail(line("contrast"), "names '" + part.strip() + "' in contrast, but the file has no '## "
              + part.strip() + "' section; list the analysts whose answer makes the contrast");
        }
        contrast.add(analyst);
      }
    }
    return new TrainingSource(id, theme, kind, age, Optional.ofNullable(header.get("culture")), register,
        safety, contrast, Optional.ofNullable(header.get("title")), Optional.ofNullable(header.get("context")),
        Optional.ofNullable(header.get("associations")), dream, conversations);
  }

  private Integer age(String text) {
    try {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= 120) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw fail(line("age"), "has age '" + text + "'; give the dreamer's age in whole years, such as 34");
  }

  private String require(String key) {
    String value = header.get(key);
    if (value == null) {
      throw fail(0, "has no '" + key + ":' header line");
    }
    return value;
  }

  private int line(String key) {
    return headerLines.getOrDefault(key, 0);
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", new java.util.TreeSet<>(values));
  }

  private InvalidTrainingSourceException fail(int line, String what) {
    return new InvalidTrainingSourceException(
        fileName + (line > 0 ? ":" + line : "") + " " + what + " (see training-data/source/FORMAT.md)");
  }
}
