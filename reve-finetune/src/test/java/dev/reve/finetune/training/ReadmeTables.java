package dev.reve.finetune.training;

import dev.reve.finetune.fidelity.SchoolLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ages, turns, safety and data-check tables of training-data/README.md. */
final class ReadmeTables {
  private static final int[][] AGE_BANDS = {{1, 17}, {18, 29}, {30, 44}, {45, 59}, {60, 74}, {75, 120}};

  private ReadmeTables() {}

  static String ages(List<TrainingSource> sources) {
    StringBuilder table = new StringBuilder("| age | dreams |\n|---|---|\n");
    for (int[] band : AGE_BANDS) {
      long n = sources.stream().filter(s -> s.age().filter(a -> a >= band[0] && a <= band[1]).isPresent()).count();
      String label = band[0] == 1 ? "under 18" : band[1] == 120 ? band[0] + " and over" : band[0] + "-" + band[1];
      table.append("| ").append(label).append(" | ").append(n).append(" |\n");
    }
    table.append("| not given | ").append(sources.stream().filter(s -> s.age().isEmpty()).count()).append(" |\n");
    int min = sources.stream().flatMap(s -> s.age().stream()).mapToInt(Integer::intValue).min().orElse(0);
    int max = sources.stream().flatMap(s -> s.age().stream()).mapToInt(Integer::intValue).max().orElse(0);
    long cultures = sources.stream().flatMap(s -> s.culture().stream()).map(c -> c.split(",")[0].strip()).distinct().count();
    table.append("\nAges ").append(min).append(" to ").append(max).append("; ").append(cultures)
        .append(" cultures (the part of `culture` before the first comma).\n");
    return table.toString();
  }

  static String turns(List<TrainingSource> sources, List<String> analysts) {
    StringBuilder table = new StringBuilder("| answers in the conversation |");
    analysts.forEach(a -> table.append(' ').append(a).append(" |"));
    table.append("\n|---|").append("---|".repeat(analysts.size())).append('\n');
    for (int turns = 1; turns <= 4; turns++) {
      int t = turns;
      table.append("| ").append(t == 4 ? "4 or more" : String.valueOf(t)).append(" |");
      for (String a : analysts) {
        long n = sources.stream().filter(s -> t == 4 ? s.answers(a).size() >= 4 : s.answers(a).size() == t).count();
        table.append(' ').append(n).append(" |");
      }
      table.append('\n');
    }
    table.append("| multi-turn share |");
    for (String a : analysts) {
      int all = (int) sources.stream().filter(s -> !s.answers(a).isEmpty()).count();
      int multi = (int) sources.stream().filter(s -> s.answers(a).size() >= 2).count();
      table.append(' ').append(CorpusReport.pct(multi, all)).append(" |");
    }
    return table.append('\n').toString();
  }

  static String safety(List<TrainingSource> sources) {
    Map<String, List<String>> bySituation = new TreeMap<>();
    TrainingSource.SAFETY_SITUATIONS.forEach(s -> bySituation.put(s, new ArrayList<>()));
    sources.forEach(s -> s.safety().ifPresent(x -> bySituation.get(x).add(s.id())));
    StringBuilder table = new StringBuilder("| situation | dreams | ids |\n|---|---|---|\n");
    bySituation.forEach((situation, ids) -> table.append("| ").append(situation).append(" | ")
        .append(ids.size()).append(" | ").append(ids.isEmpty() ? "-" : String.join(", ", ids)).append(" |\n"));
    long safety = sources.stream().filter(s -> s.kind() == TrainingSource.Kind.SAFETY).count();
    return table.append('\n').append(safety).append(" safety dreams of ").append(sources.size()).append(".\n").toString();
  }

  static String checks(List<TrainingSource> sources, List<String> analysts) {
    CorpusReport report = CorpusReport.of(sources, analysts, SchoolLexicon.bundled(), CorpusThresholds.DEFAULT);
    StringBuilder table = new StringBuilder("| check | target |");
    analysts.forEach(a -> table.append(' ').append(a).append(" |"));
    table.append("\n|---|---|").append("---|".repeat(analysts.size())).append('\n');
    row(table, "examples", ">= 150", analysts, report, f -> String.valueOf(f.examples()));
    row(table, "answer length, words", "100-700", analysts, report, f -> f.minWords() + "-" + f.maxWords());
    row(table, "most common non-trivial 4-gram", "<= 15% of examples", analysts, report,
        f -> "\"" + f.topPhrase() + "\" " + CorpusReport.pct(f.topPhraseExamples(), f.examples()));
    row(table, "own-school terms per 100 words, mean", "1.0-4.0", analysts, report,
        f -> String.format(java.util.Locale.ROOT, "%.2f", f.meanDensity()));
    row(table, "non-safety examples under 1.0 per 100 words", "0", analysts, report,
        f -> String.valueOf(f.lowDensity().size()));
    row(table, "multi-turn examples", ">= 25%", analysts, report, f -> CorpusReport.pct(f.multiTurn(), f.examples()));
    row(table, "safety examples", "10-15%", analysts, report, f -> CorpusReport.pct(f.safety(), f.examples()));
    row(table, "contrast examples", "5-10%", analysts, report, f -> CorpusReport.pct(f.contrast(), f.examples()));
    table.append('\n').append(report.dreams()).append(" dreams: ")
        .append(CorpusReport.pct(report.shortDreams(), report.dreams())).append(" under 40 words (target 10-20%), ")
        .append(CorpusReport.pct(report.longDreams(), report.dreams())).append(" over 200 words (target 5-15%). ")
        .append(report.passes() ? "Every check passes." : report.failures().size() + " checks fail.").append('\n');
    return table.toString();
  }

  private static void row(StringBuilder table, String label, String target, List<String> analysts,
      CorpusReport report, java.util.function.Function<CorpusReport.AnalystFigures, String> value) {
    table.append("| ").append(label).append(" | ").append(target).append(" |");
    analysts.forEach(a -> table.append(' ').append(value.apply(report.analysts().get(a))).append(" |"));
    table.append('\n');
  }
}
