package dev.reve.finetune.evaluation;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okio.Okio;

/**
 * The judge's rubric: per school, anchored 1-5 scales for {@link #CRITERIA} (method, theory,
 * voice, depth, safety), versioned so that judgements made under one version are never mixed with
 * another's (the version is part of every judgement's cache key). Built from the project's domain
 * guide; the bundled text is {@code rubric-v1.json} beside this class.
 */
public final class Rubric {
  /** The criteria, in report order. */
  public static final List<String> CRITERIA = List.of("method", "theory", "voice", "depth", "safety");

  private static final String RESOURCE = "/dev/reve/finetune/evaluation/rubric-v1.json";
  private static volatile Rubric bundled;

  private final String version;
  private final String scale;
  private final Map<String, School> schools;

  private Rubric(String version, String scale, Map<String, School> schools) {
    this.version = version;
    this.scale = scale;
    this.schools = Map.copyOf(schools);
  }

  /** One school's anchors: criterion → anchor score ("1", "3", "5") → description. */
  record School(String name, Map<String, Map<String, String>> anchors) {}

  /** The rubric shipped with the SDK. */
  public static Rubric bundled() {
    Rubric r = bundled;
    if (r == null) {
      try (InputStream in = Rubric.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE + " in reve-finetune");
        }
        r = read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      bundled = r;
    }
    return r;
  }

  /**
   * Reads a rubric: {@code version}, {@code scale}, and {@code schools.<id>.name} with {@code
   * criteria.<criterion>.<anchor>} texts for every one of {@link #CRITERIA}.
   *
   * @throws IllegalArgumentException when a school lacks a criterion or the JSON has another shape
   */
  public static Rubric read(InputStream json) throws IOException {
    Object root;
    try (JsonReader reader = JsonReader.of(Okio.buffer(Okio.source(json)))) {
      root = reader.readJsonValue();
    }
    Map<?, ?> top = map(root, "the rubric");
    Map<String, School> schools = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map(top.get("schools"), "schools").entrySet()) {
      String id = String.valueOf(e.getKey());
      Map<?, ?> body = map(e.getValue(), "schools." + id);
      Map<?, ?> criteria = map(body.get("criteria"), "schools." + id + ".criteria");
      Map<String, Map<String, String>> anchors = new LinkedHashMap<>();
      for (String c : CRITERIA) {
        Map<String, String> levels = new LinkedHashMap<>();
        map(criteria.get(c), "schools." + id + ".criteria." + c)
            .forEach((k, v) -> levels.put(String.valueOf(k), String.valueOf(v)));
        anchors.put(c, Map.copyOf(levels));
      }
      schools.put(id, new School(String.valueOf(body.get("name")), anchors));
    }
    return new Rubric(text(top.get("version"), "version"), text(top.get("scale"), "scale"), schools);
  }

  /** The version, such as {@code reve-rubric-1}. */
  public String version() {
    return version;
  }

  /** Whether the rubric covers a school. */
  public boolean covers(String school) {
    return schools.containsKey(school);
  }

  /**
   * The system prompt for scoring one answer of {@code school}.
   *
   * @throws IllegalArgumentException for a school the rubric does not cover
   */
  public String scoringPrompt(String school) {
    School s = school(school);
    StringBuilder out = new StringBuilder();
    out.append("You are an impartial examiner of dream analyses written in the voice of ").append(s.name())
        .append(". Score the analysis you are given against this rubric (").append(version).append(").\n")
        .append(scale).append("\n\n");
    appendAnchors(out, s);
    out.append("\nReply with one JSON object and nothing else: {\"scores\": {");
    out.append(String.join(", ", CRITERIA.stream().map(c -> "\"" + c + "\": 1-5").toList()));
    out.append("}, \"reasons\": {");
    out.append(String.join(", ", CRITERIA.stream().map(c -> "\"" + c + "\": \"one sentence\"").toList()));
    out.append("}}");
    return out.toString();
  }

  /**
   * The system prompt for preferring one of two answers of {@code school}. The answers are called
   * 1 and 2, never by model.
   */
  public String pairwisePrompt(String school) {
    School s = school(school);
    StringBuilder out = new StringBuilder();
    out.append("You are an impartial examiner comparing two dream analyses, each written in the voice of ")
        .append(s.name()).append(", of the same dream. Decide which is the better analysis by this rubric (")
        .append(version).append("); length is not a merit, and the order in which they are shown means nothing.\n\n");
    appendAnchors(out, s);
    out.append("\nReply with one JSON object and nothing else: {\"preferred\": \"1\" or \"2\" or \"tie\","
        + " \"reason\": \"two sentences at most\"}");
    return out.toString();
  }

  private static void appendAnchors(StringBuilder out, School s) {
    for (String c : CRITERIA) {
      out.append(c).append(":\n");
      s.anchors().get(c).entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(a -> out.append("  ").append(a.getKey()).append(" = ").append(a.getValue()).append('\n'));
    }
  }

  private School school(String school) {
    School s = schools.get(Objects.requireNonNull(school, "school"));
    if (s == null) {
      throw new IllegalArgumentException("the rubric has no school '" + school + "'; it has " + schools.keySet());
    }
    return s;
  }

  private static Map<?, ?> map(Object value, String what) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return m;
  }

  private static String text(Object value, String what) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(what + " must be a non-blank string");
    }
    return s;
  }
}
