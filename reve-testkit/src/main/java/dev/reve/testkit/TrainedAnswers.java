package dev.reve.testkit;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat responder that shows the path from training file to model: a fine-tuned model answers
 * with the training example (from the file its job was trained on) whose dream is closest to the
 * request's dream, taking the answer for the request's turn (a second turn is answered from a
 * multi-turn example when the file has one); a base model answers with a short placeholder naming
 * the analyst whose system prompt was sent. Every answer is an emulation, never an analysis.
 * Structured requests get JSON that validates against their schema; streamed ones stream.
 *
 * <pre>{@code
 * OpenAiEmulator openai = OpenAiEmulator.builder().trainedAnswers().start();
 * }</pre>
 */
public final class TrainedAnswers implements ChatResponder {
  private static final int MAX_CACHED_FILES = 64;

  private final EmulatedJobs jobs;
  private final EmulatedFiles files;
  private final AnalystRegistry analysts;
  private final Map<String, List<Example>> examplesByFile = new ConcurrentHashMap<>();

  /** Answers from the jobs and files of one emulator, naming the built-in analysts. */
  public TrainedAnswers(OpenAiEmulator emulator) {
    this(emulator.jobs(), emulator.files());
  }

  TrainedAnswers(EmulatedJobs jobs, EmulatedFiles files) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.files = Objects.requireNonNull(files, "files");
    this.analysts = AnalystRegistry.withBuiltIns();
  }

  @Override
  public ChatReply reply(ChatCall call) {
    Optional<String> trainingFile = jobs.all().stream()
        .filter(j -> j.fineTunedModel().filter(call.model()::equals).isPresent())
        .map(StoredJob::trainingFile)
        .reduce((first, second) -> second);
    Optional<List<Example>> examples = trainingFile.flatMap(this::examples).filter(list -> !list.isEmpty());
    if (examples.isEmpty()) {
      // a structured reading is filled from the dream itself, marked, rather than from the placeholder
      return ChatReply.text(SchemaAnswer.schemaOf(call.responseFormat()).isPresent()
          ? call.shaped("[Emulated] " + dreamText(call.lastUserMessage()))
          : call.shaped(placeholder(call, trainingFile.isPresent())));
    }
    return ChatReply.text(call.shaped(closest(examples.get(), call)));
  }

  /** The answer, for the request's turn, of the example whose dream is nearest the request's. */
  static String closest(List<Example> examples, ChatCall call) {
    int turn = call.assistantTurns();
    Set<String> words = words(dreamText(call.firstUserMessage()));
    List<Example> withTurn = examples.stream().filter(e -> e.answers().size() > turn).toList();
    List<Example> pool = withTurn.isEmpty() ? examples : withTurn;
    Example best = pool.get(0);
    double bestScore = -1;
    for (Example e : pool) {
      double score = similarity(words, e.words());
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    List<String> answers = best.answers();
    return answers.get(Math.min(turn, answers.size() - 1));
  }

  private String placeholder(ChatCall call, boolean fineTuned) {
    String who = call.systemPrompt().map(this::analystName)
        .orElse("no analyst (the request has no system prompt)");
    String model = fineTuned
        ? "the fine-tuned model " + call.model() + ", whose training file holds no usable examples,"
        : "the base model " + call.model();
    return "[Emulated] This placeholder stands in for " + model + " answering as " + who
        + ". No language model ran; an emulated fine-tuned model answers with its nearest training"
        + " example instead.";
  }

  private String analystName(String systemPrompt) {
    for (AnalystProfile profile : analysts.all()) {
      if (systemPrompt.strip().startsWith(profile.systemPrompt().strip())) {
        return profile.name();
      }
    }
    return "an analyst that is not built in";
  }

  private Optional<List<Example>> examples(String fileId) {
    List<Example> cached = examplesByFile.get(fileId);
    if (cached != null) {
      return Optional.of(cached);
    }
    return files.find(fileId).map(file -> {
      List<Example> parsed = parse(file.text());
      if (examplesByFile.size() < MAX_CACHED_FILES) {
        examplesByFile.put(fileId, parsed);
      }
      return parsed;
    });
  }

  /** The usable lines of a chat fine-tuning file: a user message and at least one answer. */
  static List<Example> parse(String jsonl) {
    List<Example> out = new ArrayList<>();
    for (String line : jsonl.split("\n")) {
      if (!(JsonSupport.readObject(line).get("messages") instanceof List<?> messages)) {
        continue;
      }
      String dream = null;
      List<String> answers = new ArrayList<>();
      for (Object item : messages) {
        if (item instanceof Map<?, ?> m && m.get("content") instanceof String content) {
          if ("user".equals(m.get("role")) && dream == null) {
            dream = dreamText(content);
          } else if ("assistant".equals(m.get("role")) && dream != null) {
            answers.add(content);
          }
        }
      }
      if (dream != null && !answers.isEmpty()) {
        out.add(new Example(words(dream), List.copyOf(answers)));
      }
    }
    return out;
  }

  private static String dreamText(String userMessage) {
    return PromptBuilder.parseUserMessage(userMessage).map(Dream::content).orElse(userMessage);
  }

  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (w.length() >= 3) {
        out.add(w);
      }
    }
    return out;
  }

  private static double similarity(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String w : a) {
      if (b.contains(w)) {
        common++;
      }
    }
    return common / Math.sqrt((double) a.size() * b.size());
  }

  /** One training line: the words of its dream and its answers in order. */
  record Example(Set<String> words, List<String> answers) {}
}
