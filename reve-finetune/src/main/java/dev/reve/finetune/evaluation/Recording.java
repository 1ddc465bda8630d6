package dev.reve.finetune.evaluation;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns a comparison's answers into {@link AnswerArchive}s, one per candidate ({@code --record}). */
public final class Recording {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Recording() {}

  /**
   * The archive of one candidate's successful answers in {@code result}.
   *
   * @throws IllegalArgumentException for a label the result does not have
   */
  public static AnswerArchive archive(ComparisonResult result, String label) {
    Candidate candidate = result.options().candidates().stream().filter(c -> c.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the comparison has no candidate '" + label + "'"));
    List<Answer> answers = new ArrayList<>();
    TreeSet<String> served = new TreeSet<>();
    for (ScoredAnswer s : result.answers()) {
      if (s.answer().candidate().equals(label) && !s.answer().failed()) {
        answers.add(s.answer());
        served.add(s.answer().servedModel());
      }
    }
    Map<String, String> requested = new LinkedHashMap<>();
    if (candidate.archive().isEmpty()) {
      result.options().analysts().forEach(a -> requested.put(a, candidate.modelFor(a)));
    } else {
      answers.forEach(a -> requested.putIfAbsent(a.analystId(), a.requestedModel()));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    result.options().analysis().temperature().ifPresent(t -> settings.put("temperature", t));
    settings.put("max_completion_tokens", result.options().analysis().maxCompletionTokens());
    result.options().analysis().topP().ifPresent(t -> settings.put("top_p", t));
    result.options().analysis().seed().ifPresent(t -> settings.put("seed", t));
    settings.put("samples", result.options().samples());
    settings.put("dreams", result.options().dreams().size());
    return new AnswerArchive(AnswerArchive.FORMAT, result.createdAt(), label, requested, List.copyOf(served),
        settings, answers);
  }

  /**
   * Writes one archive per candidate that was asked (not read from an archive) into {@code
   * directory}, named {@code <label>-<UTC time>.json}; returns the paths.
   */
  public static List<Path> writeAll(ComparisonResult result, Path directory) {
    List<Path> written = new ArrayList<>();
    String stamp = STAMP.format(java.time.Instant.parse(result.createdAt()));
    for (Candidate c : result.options().candidates()) {
      if (c.archive().isPresent()) {
        continue;
      }
      Path file = directory.resolve(c.label().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + stamp + ".json");
      archive(result, c.label()).write(file);
      written.add(file);
    }
    return List.copyOf(written);
  }
}
