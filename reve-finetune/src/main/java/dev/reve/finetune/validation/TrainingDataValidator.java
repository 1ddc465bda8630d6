package dev.reve.finetune.validation;

import dev.reve.storage.Sha256;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.PromptBuilder;
import dev.reve.finetune.fidelity.SchoolLexicon;
import dev.reve.finetune.fidelity.TermHit;
import dev.reve.openai.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import okio.Buffer;

/**
 * Checks a chat fine-tuning file before anything is uploaded: OpenAI's per-line format, the
 * encoding and line endings, duplicates, the example count, exact token counts against the base
 * model's limit, the cost, and (with an analyst) train/serve skew and the school-lexicon lint.
 *
 * <p>The file is streamed line by line, so memory does not grow with its size (beyond one
 * 16-byte hash and one token count per example). Instances are thread-safe and cheap; the token
 * encoding is loaded once per JVM.
 *
 * <pre>{@code
 * ValidationReport report = new TrainingDataValidator().validate(
 *     Path.of("training-data/jung-examples.jsonl"),
 *     ValidationOptions.builder().analyst(BuiltInAnalysts.JUNG).build());
 * System.out.print(report.summary());
 * report.requireValid();   // throws InvalidTrainingFileException listing the errors
 * }</pre>
 */
public final class TrainingDataValidator {
  /** Fewer examples than this is an error: OpenAI rejects the file. */
  public static final int MIN_EXAMPLES = 10;
  /** Fewer examples than this is a warning: OpenAI recommends starting with 50 to 100. */
  public static final int RECOMMENDED_EXAMPLES = 50;
  /** Lines longer than this many bytes are reported and not parsed. */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("messages", "tools", "parallel_tool_calls", "functions");
  private static final Map<String, Set<String>> MESSAGE_KEYS =
      Map.of(
          "system", Set.of("role", "content", "name"),
          "developer", Set.of("role", "content", "name"),
          "user", Set.of("role", "content", "name"),
          "assistant",
              Set.of("role", "content", "name", "weight", "refusal", "tool_calls", "function_call", "audio"),
          "tool", Set.of("role", "content", "tool_call_id"),
          "function", Set.of("role", "content", "name"));
  private static final String ROLES = "system, user, assistant, tool or function";

  private final TokenCounter counter;
  private final SchoolLexicon lexicon;

  /** A validator with the o200k_base token counter and the bundled school lexicon. */
  public TrainingDataValidator() {
    this(TokenCounter.o200k(), null);
  }

  /** A validator that lints against another lexicon. */
  public TrainingDataValidator(SchoolLexicon lexicon) {
    this(TokenCounter.o200k(), Objects.requireNonNull(lexicon, "lexicon"));
  }

  private TrainingDataValidator(TokenCounter counter, SchoolLexicon lexicon) {
    this.counter = counter;
    this.lexicon = lexicon;
  }

  /** Validates a file with the default options (gpt-4o-2024-08-06, auto epochs, no analyst). */
  public ValidationReport validate(Path file) {
    return validate(file, ValidationOptions.defaults());
  }

  /**
   * Validates a training file. A file that cannot be read gives a report with an
   * {@link ProblemCode#UNREADABLE} error rather than an exception.
   */
  public ValidationReport validate(Path file, ValidationOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    try (InputStream in = Files.newInputStream(file)) {
      return validate(in, file, options);
    } catch (IOException e) {
      Run run = new Run(file, options);
      run.add(Problem.of(0, ProblemCode.UNREADABLE,
          "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage()
              + "); check the path and permissions"));
      return run.report();
    }
  }

  /**
   * Validates JSONL read from a stream (not closed here); {@code name} labels the report.
   *
   * @throws IOException when the stream cannot be read
   */
  public ValidationReport validate(InputStream in, Path name, ValidationOptions options)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Run run = new Run(Objects.requireNonNull(name, "name"), Objects.requireNonNull(options, "options"));
    JsonlLineReader reader = new JsonlLineReader(in, MAX_LINE_BYTES);
    JsonlLineReader.Line line;
    while ((line = reader.next()) != null) {
      run.line(line);
    }
    run.finish();
    return run.report();
  }

  /** State of one validation. */
  private final class Run {
    private final Path file;
    private final ValidationOptions options;
    private final int limit;
    private final Optional<String> school;
    private final List<Problem> kept = new ArrayList<>();
    private final List<Problem> fileLevel = new ArrayList<>();
    private long errors;
    private long warnings;
    private long examples;
    private long crlfLines;
    private long firstCrlf;
    private final Map<HashKey, Long> seen = new HashMap<>();
    private final List<Integer> perExample = new ArrayList<>();
    private long totalTokens;
    private int maxTokens;
    private long maxLine;
    private int minTokens = Integer.MAX_VALUE;
    private final MessageDigest sha256 = Sha256.newDigest();

    Run(Path file, ValidationOptions options) {
      this.file = file;
      this.options = options;
      this.limit = options.tokenLimit();
      this.school = options.fidelityLint() ? lintSchool(options) : Optional.empty();
    }

    private Optional<String> lintSchool(ValidationOptions options) {
      if (options.fidelitySchool().isPresent()) {
        String s = options.fidelitySchool().get();
        if (!lexicon().schools().contains(s)) {
          throw new IllegalArgumentException(
              "unknown fidelity school '" + s + "'; the lexicon has " + lexicon().schools());
        }
        return Optional.of(s);
      }
      return options.analyst().flatMap(a -> lexicon().schoolFor(a.id()));
    }

    void add(Problem problem) {
      if (problem.isError()) {
        errors++;
      } else {
        warnings++;
      }
      if (problem.line() == 0) {
        fileLevel.add(problem);
      } else if (kept.size() < options.maxProblems()) {
        kept.add(problem);
      }
    }

    void line(JsonlLineReader.Line line) {
      long n = line.number();
      if (line.bom()) {
        add(Problem.of(n, ProblemCode.BOM,
            "the file starts with a UTF-8 byte order mark (EF BB BF); save it as UTF-8 without a BOM"));
      }
      if (line.crlf()) {
        if (crlfLines++ == 0) {
          firstCrlf = n;
        }
      }
      if (line.tooLong()) {
        examples++;
        add(Problem.of(n, ProblemCode.LINE_TOO_LONG,
            "the line has " + line.byteLength() + " bytes, more than the " + MAX_LINE_BYTES
                + " this validator reads; no chat example is that long: check that each example is on its own line"));
        return;
      }
      if (line.text() == null) {
        examples++;
        add(Problem.of(n, ProblemCode.INVALID_UTF8,
            "the line is not valid UTF-8 (bad byte at byte " + (line.badByteOffset() + 1)
                + " of the line); re-save the file as UTF-8"));
        return;
      }
      String text = line.text();
      if (text.isBlank()) {
        add(Problem.of(n, ProblemCode.BLANK_LINE,
            "blank line; remove it (every line must be one example)"));
        return;
      }
      examples++;
      Long first = seen.putIfAbsent(hash(text.strip()), n);
      if (first != null) {
        add(Problem.of(n, ProblemCode.DUPLICATE,
            "the same example as line " + first + "; remove one of them"));
      }
      Object value;
      try {
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
        value = reader.readJsonValue();
        if (!atEnd(reader)) {
          add(Problem.of(n, ProblemCode.INVALID_JSON,
              "more than one JSON value on the line (or text after the object); put each example"
                  + " on its own line"));
          return;
        }
      } catch (IOException | RuntimeException e) {
        add(Problem.of(n, ProblemCode.INVALID_JSON,
            "not valid JSON (" + jsonError(e) + "); each line must be one complete JSON object"));
        return;
      }
      example(n, value);
    }

    private void example(long n, Object value) {
      if (!(value instanceof Map<?, ?> object)) {
        add(Problem.of(n, ProblemCode.NOT_AN_OBJECT,
            "the line is JSON but not an object; write {\"messages\": [...]}"));
        return;
      }
      for (Object key : object.keySet()) {
        if (!TOP_LEVEL_KEYS.contains(String.valueOf(key))) {
          add(new Problem(n, Severity.WARNING, ProblemCode.UNKNOWN_KEY,
              "top-level key '" + key + "' is not part of the chat fine-tuning format"
                  + " (messages, tools, parallel_tool_calls, functions); remove it"));
        }
      }
      checkTopLevelFields(n, object);
      Object messagesValue = object.get("messages");
      if (!(messagesValue instanceof List<?> messages) || messages.isEmpty()) {
        add(Problem.of(n, ProblemCode.MISSING_MESSAGES,
            messagesValue == null
                ? "no \"messages\" array; each example is {\"messages\": [{\"role\": ..., \"content\": ...}, ...]}"
                : "\"messages\" must be a non-empty array of message objects"));
        return;
      }
      boolean anyAssistant = false;
      boolean anyTrained = false;
      boolean imageWarned = false;
      boolean structureOk = true;
      for (int i = 0; i < messages.size(); i++) {
        String where = "message " + (i + 1);
        if (!(messages.get(i) instanceof Map<?, ?> message)) {
          add(Problem.of(n, ProblemCode.BAD_MESSAGE, where + " is not a JSON object; write {\"role\": ..., \"content\": ...}"));
          structureOk = false;
          continue;
        }
        Object roleValue = message.get("role");
        if (!(roleValue instanceof String role)) {
          add(Problem.of(n, ProblemCode.BAD_ROLE,
              where + (roleValue == null ? " has no role" : " has a role that is not a string") + "; use " + ROLES));
          structureOk = false;
          continue;
        }
        where = where + " (" + role + ")";
        Set<String> allowed = MESSAGE_KEYS.get(role);
        if (allowed == null) {
          add(Problem.of(n, ProblemCode.BAD_ROLE, where + ": role '" + role + "' is not allowed; use " + ROLES));
          structureOk = false;
          continue;
        }
        if (role.equals("developer")) {
          add(Problem.of(n, ProblemCode.DEVELOPER_ROLE,
              where + ": the chat fine-tuning format lists system, user, assistant, tool and function;"
                  + " use role system for instructions"));
        }
        for (Object key : message.keySet()) {
          String k = String.valueOf(key);
          if (k.equals("weight") && !role.equals("assistant")) {
            add(Problem.of(n, ProblemCode.BAD_WEIGHT,
                where + ": weight is allowed only on assistant messages; remove it"));
          } else if (!allowed.contains(k)) {
            add(Problem.of(n, ProblemCode.UNKNOWN_KEY,
                where + " has key '" + k + "', which the format does not define for " + role
                    + " messages (" + String.join(", ", new TreeSet<>(allowed)) + "); remove it"));
          }
        }
        if (!checkContent(n, where, role, message)) {
          structureOk = false;
        }
        if (message.containsKey("name") && !(message.get("name") instanceof String)) {
          add(Problem.of(n, ProblemCode.BAD_FIELD, where + ": name must be a string"));
        }
        if (role.equals("tool") && !(message.get("tool_call_id") instanceof String)) {
          add(Problem.of(n, ProblemCode.BAD_FIELD, where + " needs tool_call_id, the id of the assistant's tool call it answers"));
        }
        if (role.equals("function") && !(message.get("name") instanceof String)) {
          add(Problem.of(n, ProblemCode.BAD_FIELD, where + " needs name, the function that was called"));
        }
        if (role.equals("assistant")) {
          anyAssistant = true;
          boolean trained = true;
          if (message.containsKey("weight")) {
            Object w = message.get("weight");
            if (!(w instanceof Number number) || !(number.doubleValue() == 0 || number.doubleValue() == 1)) {
              add(Problem.of(n, ProblemCode.BAD_WEIGHT,
                  where + ": weight must be 0 (do not learn this message) or 1 (learn it); got " + render(w)));
            } else {
              trained = number.doubleValue() == 1;
            }
          }
          anyTrained |= trained;
          if (message.containsKey("tool_calls") && !(message.get("tool_calls") instanceof List<?>)) {
            add(Problem.of(n, ProblemCode.BAD_FIELD, where + ": tool_calls must be an array"));
          }
          if (message.containsKey("function_call") && !(message.get("function_call") instanceof Map<?, ?>)) {
            add(Problem.of(n, ProblemCode.BAD_FIELD, where + ": function_call must be an object"));
          }
          if (trained && school.isPresent()) {
            lint(n, where, textOf(message.get("content")));
          }
        }
        if (!imageWarned && hasImage(message.get("content"))) {
          imageWarned = true;
          add(Problem.of(n, ProblemCode.UNCOUNTED_IMAGE,
              "image parts are not counted, so the token total and the cost are low for this example"));
        }
      }
      if (!anyAssistant) {
        add(Problem.of(n, ProblemCode.NO_ASSISTANT,
            "no assistant message; end the example with {\"role\": \"assistant\", \"content\": <the answer to learn>}"));
      } else if (!anyTrained) {
        add(Problem.of(n, ProblemCode.NOTHING_TO_LEARN,
            "every assistant message has weight 0, so this example teaches nothing; set weight 1 on the answer"));
      }
      if (structureOk) {
        tokens(n, object, messages);
        options.analyst().ifPresent(analyst -> skew(n, analyst, messages));
      }
    }

    private void checkTopLevelFields(long n, Map<?, ?> object) {
      if (object.containsKey("tools") && !(object.get("tools") instanceof List<?>)) {
        add(Problem.of(n, ProblemCode.BAD_FIELD, "tools must be an array of tool definitions"));
      }
      if (object.containsKey("parallel_tool_calls") && !(object.get("parallel_tool_calls") instanceof Boolean)) {
        add(Problem.of(n, ProblemCode.BAD_FIELD, "parallel_tool_calls must be true or false"));
      }
      if (object.containsKey("functions")) {
        Object f = object.get("functions");
        if (!(f instanceof List<?> list) || list.isEmpty() || list.size() > 128) {
          add(Problem.of(n, ProblemCode.BAD_FIELD, "functions must be an array of 1 to 128 function definitions"));
        }
      }
    }

    /** False when the content is missing or malformed (then tokens are not counted). */
    private boolean checkContent(long n, String where, String role, Map<?, ?> message) {
      Object content = message.get("content");
      boolean callsSomething = message.get("tool_calls") instanceof List<?> calls && !calls.isEmpty()
          || message.get("function_call") instanceof Map<?, ?>;
      if (content == null) {
        if (role.equals("assistant") && callsSomething || role.equals("function") && message.containsKey("content")) {
          return true;
        }
        add(Problem.of(n, ProblemCode.MISSING_CONTENT,
            where + " has no content; give it the " + (role.equals("assistant") ? "answer" : "text") + " as a string"));
        return false;
      }
      if (content instanceof String s) {
        if (s.isBlank() && !(role.equals("assistant") && callsSomething)) {
          add(Problem.of(n, ProblemCode.MISSING_CONTENT, where + " has empty content; write the text or remove the message"));
          return false;
        }
        return true;
      }
      if (!(content instanceof List<?> parts) || parts.isEmpty()) {
        add(Problem.of(n, ProblemCode.BAD_CONTENT, where + ": content must be a string or a non-empty array of content parts"));
        return false;
      }
      Set<String> types = switch (role) {
        case "user" -> Set.of("text", "image_url");
        case "assistant" -> Set.of("text", "refusal");
        default -> Set.of("text");
      };
      for (int p = 0; p < parts.size(); p++) {
        Object type = parts.get(p) instanceof Map<?, ?> part ? part.get("type") : null;
        if (!(type instanceof String t) || !types.contains(t)) {
          add(Problem.of(n, ProblemCode.BAD_CONTENT,
              where + ": content part " + (p + 1) + " has type " + render(type) + "; " + role
                  + " messages in fine-tuning files take " + String.join(" or ", new TreeSet<>(types))
                  + " parts (audio and file inputs are not supported)"));
          return false;
        }
        Map<?, ?> part = (Map<?, ?>) parts.get(p);
        if (t.equals("text") && !(part.get("text") instanceof String)) {
          add(Problem.of(n, ProblemCode.BAD_CONTENT, where + ": text part " + (p + 1) + " needs a \"text\" string"));
          return false;
        }
      }
      return true;
    }

    private void tokens(long n, Map<?, ?> object, List<?> messages) {
      long count = TokenCounter.REPLY_PRIMING_TOKENS;
      for (Object m : messages) {
        Map<?, ?> message = (Map<?, ?>) m;
        count += TokenCounter.TOKENS_PER_MESSAGE;
        for (Map.Entry<?, ?> entry : message.entrySet()) {
          Object v = entry.getValue();
          String key = String.valueOf(entry.getKey());
          if (v instanceof String s) {
            count += counter.count(s);
            if (key.equals("name")) {
              count += TokenCounter.TOKENS_PER_NAME;
            }
          } else if (key.equals("content")) {
            count += counter.count(textOf(v));
          } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
            count += counter.count(JSON.toJson(v));
          }
        }
      }
      for (String key : List.of("tools", "functions")) {
        if (object.get(key) instanceof List<?> defs) {
          count += counter.count(JSON.toJson(defs));
        }
      }
      int tokens = (int) Math.min(Integer.MAX_VALUE, count);
      perExample.add(tokens);
      totalTokens += tokens;
      if (tokens > maxTokens) {
        maxTokens = tokens;
        maxLine = n;
      }
      minTokens = Math.min(minTokens, tokens);
      if (tokens > limit) {
        add(Problem.of(n, ProblemCode.TOO_MANY_TOKENS,
            "the example has " + String.format(Locale.ROOT, "%,d", tokens)
                + " tokens, more than the " + String.format(Locale.ROOT, "%,d", limit)
                + " allowed per example for " + options.baseModel() + "; shorten it or split it"));
      }
    }

    private void skew(long n, AnalystProfile analyst, List<?> messages) {
      Optional<Map<?, ?>> system = messages.stream()
          .<Map<?, ?>>map(m -> (Map<?, ?>) m)
          .filter(m -> "system".equals(m.get("role")) || "developer".equals(m.get("role")))
          .findFirst();
      if (system.isEmpty()) {
        add(Problem.of(n, ProblemCode.SYSTEM_PROMPT_SKEW,
            "no system message, but analyst '" + analyst.id() + "' sends its system prompt with every"
                + " request; build the examples with PromptBuilder.trainingMessages"));
      } else {
        String prompt = textOf(system.get().get("content"));
        if (!prompt.equals(analyst.systemPrompt())) {
          add(Problem.of(n, ProblemCode.SYSTEM_PROMPT_SKEW,
              "the system prompt differs from analyst '" + analyst.id() + "''s "
                  + firstDifference(prompt, analyst.systemPrompt())
                  + "; regenerate the file from the sources so training matches serving"));
        }
      }
      for (int i = 0; i < messages.size(); i++) {
        Map<?, ?> message = (Map<?, ?>) messages.get(i);
        if ("user".equals(message.get("role"))
            && PromptBuilder.parseUserMessage(textOf(message.get("content"))).isEmpty()) {
          add(Problem.of(n, ProblemCode.USER_TEMPLATE_SKEW,
              "message " + (i + 1) + " (user) is not in the prompt builder's template (\"Analyze this"
                  + " dream.\", Title, Dream, context, associations), so the model would be trained on"
                  + " input it never sees; regenerate the file with PromptBuilder.trainingMessages"));
        }
      }
    }

    private void lint(long n, String where, String answer) {
      if (answer.isEmpty()) {
        return;
      }
      String s = school.orElseThrow();
      for (TermHit hit : lexicon().lint(s, answer)) {
        boolean other = hit.kind() == TermHit.Kind.OTHER_SCHOOL;
        add(Problem.of(n, other ? ProblemCode.OTHER_SCHOOL_TERM : ProblemCode.AVOIDED_TERM,
            where + " uses '" + hit.term() + "' (\"" + excerpt(answer, hit) + "\"), "
                + (other ? "another school's term in a " + s + " answer; explain in the school's own terms,"
                    + " or make a contrast explicit"
                    : "a term neither school should use; rephrase it in the analyst's period voice")));
      }
    }

    void finish() {
      if (crlfLines > 0) {
        add(Problem.of(firstCrlf, ProblemCode.CRLF,
            crlfLines + (crlfLines == 1 ? " line ends" : " lines end") + " with CR LF (first: line " + firstCrlf
                + "); save the file with LF line endings"));
      }
      if (examples < MIN_EXAMPLES) {
        add(Problem.of(0, ProblemCode.TOO_FEW_EXAMPLES,
            "the file has " + examples + (examples == 1 ? " example" : " examples") + "; OpenAI requires at least "
                + MIN_EXAMPLES + " (and recommends " + RECOMMENDED_EXAMPLES + " to 100): add examples"));
      } else if (examples < RECOMMENDED_EXAMPLES) {
        add(Problem.of(0, ProblemCode.FEW_EXAMPLES,
            "the file has " + examples + " examples; OpenAI recommends starting with "
                + RECOMMENDED_EXAMPLES + " to 100 well-made examples"));
      }
      if (options.priceTable().find(options.baseModel()).isEmpty()) {
        add(Problem.of(0, ProblemCode.UNKNOWN_MODEL,
            "no price or limit is known for " + options.baseModel() + ": the cost is not estimated and"
                + " examples are checked against " + limit + " tokens; add the model to the PriceTable"
                + " or set maxTokensPerExample"));
      }
    }

    ValidationReport report() {
      List<Problem> problems = new ArrayList<>(fileLevel);
      List<Problem> lines = new ArrayList<>(kept);
      lines.sort(Comparator.comparingLong(Problem::line));
      problems.addAll(lines);
      TokenStats stats = new TokenStats(totalTokens, maxTokens, maxLine,
          perExample.isEmpty() ? 0 : minTokens, perExample, limit);
      return new ValidationReport(file, options.baseModel(), options.epochs(), examples, problems,
          errors, warnings, stats,
          options.priceTable().estimate(options.baseModel(), totalTokens, options.epochs()));
    }

    private HashKey hash(String text) {
      byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.wrap(digest);
      return new HashKey(b.getLong(), b.getLong());
    }
  }

  private SchoolLexicon lexicon() {
    return lexicon != null ? lexicon : SchoolLexicon.bundled();
  }

  private static final JsonAdapter<Object> JSON = Json.MOSHI.adapter(Object.class);

  /** The text of a string content or of its text parts, joined; empty for anything else. */
  static String textOf(Object content) {
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof List<?> parts) {
      StringBuilder text = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof Map<?, ?> map && map.get("text") instanceof String t) {
          text.append(t);
        }
      }
      return text.toString();
    }
    return "";
  }

  private static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean hasImage(Object content) {
    if (content instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?> map && "image_url".equals(map.get("type"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String firstDifference(String actual, String expected) {
    int i = 0;
    int max = Math.min(actual.length(), expected.length());
    while (i < max && actual.charAt(i) == expected.charAt(i)) {
      i++;
    }
    return "(first difference at character " + (i + 1) + ": file has \"" + snippet(actual, i)
        + "\", analyst has \"" + snippet(expected, i) + "\")";
  }

  private static String snippet(String s, int at) {
    String part = s.substring(at, Math.min(s.length(), at + 30));
    return (part + (s.length() > at + 30 ? "..." : "")).replace("\n", "\\n");
  }

  private static String excerpt(String text, TermHit hit) {
    int from = Math.max(0, hit.start() - 40);
    int to = Math.min(text.length(), hit.start() + hit.matched().length() + 40);
    return (from > 0 ? "..." : "") + text.substring(from, to).replace('\n', ' ') + (to < text.length() ? "..." : "");
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static String jsonError(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed JSON");
  }



  private record HashKey(long high, long low) {}
}
