package dev.reve.finetune.evaluation;

import dev.reve.openai.OpenAiClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a comparison: every analyst answers every evaluation dream with every candidate, at most
 * {@link CompareOptions#concurrency} calls at once (or, with {@link CompareOptions#batch}, through
 * the Batch API at the batch price, the judge's calls still one at a time); answers are measured, and when a judge is set
 * each answer is scored against the rubric and each candidate is compared with the baseline (the
 * first candidate) dream by dream, in both orders.
 *
 * <pre>{@code
 * ComparisonResult result = Comparison.run(client, options);
 * ReportFiles.write(result, Path.of("compare-out"));
 * }</pre>
 *
 * <p>Answers and judgements are cached in {@link CompareOptions#cacheDirectory}: an interrupted
 * run continues where it stopped, and a rerun of the same comparison sends nothing.
 */
public final class Comparison {
  private Comparison() {}

  /** Runs the comparison on {@code client} and waits for it. */
  public static ComparisonResult run(OpenAiClient client, CompareOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
      Thread t = new Thread(runnable, "reve-compare");
      t.setDaemon(true);
      return t;
    });
    try {
      return new Run(client, options, pool).execute();
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@link #run} on a thread of its own. */
  public static CompletableFuture<ComparisonResult> runAsync(OpenAiClient client, CompareOptions options) {
    return CompletableFuture.supplyAsync(() -> run(client, options));
  }

  /** The state of one run. */
  private static final class Run {
    private final CompareOptions options;
    private final ExecutorService pool;
    private final AnswerRunner answers;
    private final AnswerMeasures measures;
    private final Optional<Judge> judge;
    private final Map<String, EvalDream> dreams = new LinkedHashMap<>();
    private final OpenAiClient client;
    private final AnswerCache cache;

    Run(OpenAiClient client, CompareOptions options, ExecutorService pool) {
      this.options = options;
      this.pool = pool;
      this.client = client;
      this.cache = new AnswerCache(options.cacheDirectory());
      this.answers = new AnswerRunner(client, options, cache);
      this.measures = new AnswerMeasures(options.lexicon());
      this.judge = options.judge().map(m -> new Judge(client, m, options.rubric(), options.judgeOptions(), cache));
      options.dreams().forEach(d -> dreams.put(d.id(), d));
    }

    ComparisonResult execute() {
      options.batch().ifPresent(this::throughBatches);
      List<Supplier<Answer>> work = new ArrayList<>();
      for (EvalDream dream : options.dreams()) {
        for (String analyst : options.analysts()) {
          for (Candidate candidate : options.candidates()) {
            for (int s = 1; s <= options.samples(); s++) {
              int sample = s;
              work.add(() -> answers.answer(dream, analyst, candidate, sample));
            }
          }
        }
      }
      List<Answer> got = all(work, "answers");
      List<ScoredAnswer> scored = score(got);
      List<PairVerdict> verdicts = pairs(scored);
      List<GroupFigures> groups = new ArrayList<>();
      List<PairFigures> pairFigures = new ArrayList<>();
      Bootstrap bootstrap = new Bootstrap(options.bootstrapResamples(), options.seed());
      for (String analyst : options.analysts()) {
        for (Candidate candidate : options.candidates()) {
          groups.add(GroupFigures.of(analyst, candidate.label(), scored.stream()
              .filter(s -> s.answer().analystId().equals(analyst) && s.answer().candidate().equals(candidate.label()))
              .toList(), dreams));
        }
        if (judge.isPresent()) {
          String baseline = options.candidates().get(0).label();
          for (Candidate other : options.candidates().subList(1, options.candidates().size())) {
            pairFigures.add(PairFigures.of(analyst, baseline, other.label(), verdicts.stream()
                .filter(v -> v.analystId().equals(analyst) && v.candidate().equals(other.label())).toList(), bootstrap));
          }
        }
      }
      return new ComparisonResult(options.clock().instant().toString(), options, scored, groups, verdicts,
          pairFigures, answers.freshCalls(), answers.reused());
    }

    /** Sends every answer that is neither cached nor recorded through the Batch API first. */
    private void throughBatches(CompareBatch batch) {
      List<AnswerRunner.Asked> pending = new ArrayList<>();
      for (EvalDream dream : options.dreams()) {
        for (String analyst : options.analysts()) {
          for (Candidate candidate : options.candidates()) {
            for (int s = 1; s <= options.samples(); s++) {
              answers.ask(dream, analyst, candidate, s).filter(a -> !answers.cached(a)).ifPresent(pending::add);
            }
          }
        }
      }
      answers.acceptBatched(new BatchAnswers(client, options, batch, cache).run(pending));
    }

    private List<ScoredAnswer> score(List<Answer> got) {
      List<Supplier<ScoredAnswer>> work = new ArrayList<>();
      for (Answer a : got) {
        work.add(() -> {
          EvalDream dream = dreams.get(a.dreamId());
          AnswerMetrics metrics = measures.measure(dream, a);
          Optional<Judgement> j = a.failed() || a.text().isBlank() ? Optional.empty()
              : judge.map(judgeModel -> judgeModel.score(school(a.analystId()), dream, a));
          return new ScoredAnswer(a, metrics, j,
              options.prices().price(a.requestedModel(), a.tier())
                  .map(p -> p.cost(a.promptTokens(),
                      Math.min(a.promptTokens(), a.cachedPromptTokens().orElse(0L)), a.completionTokens())));
        });
      }
      return all(work, judge.isPresent() ? "rubric scores" : "metrics");
    }

    private List<PairVerdict> pairs(List<ScoredAnswer> scored) {
      if (judge.isEmpty() || options.candidates().size() < 2) {
        return List.of();
      }
      Map<String, ScoredAnswer> bySlot = new LinkedHashMap<>();
      scored.forEach(s -> bySlot.put(slot(s.answer(), s.answer().candidate()), s));
      String baseline = options.candidates().get(0).label();
      List<Supplier<PairVerdict>> work = new ArrayList<>();
      for (ScoredAnswer s : scored) {
        Answer a = s.answer();
        if (a.candidate().equals(baseline)) {
          continue;
        }
        ScoredAnswer base = bySlot.get(slot(a, baseline));
        if (base == null || a.failed() || base.answer().failed() || a.text().isBlank() || base.answer().text().isBlank()) {
          continue;
        }
        work.add(() -> {
          EvalDream dream = dreams.get(a.dreamId());
          String school = school(a.analystId());
          Judgement candidateFirst = judge.get().prefer(school, dream, a, base.answer());
          Judgement baselineFirst = judge.get().prefer(school, dream, base.answer(), a);
          return PairVerdict.of(a.dreamId(), a.analystId(), a.sample(), baseline, a.candidate(), candidateFirst,
              baselineFirst, s.metrics().words() - base.metrics().words());
        });
      }
      return all(work, "pairwise verdicts");
    }

    private String school(String analystId) {
      return options.lexicon().schoolFor(analystId).orElse(analystId);
    }

    private static String slot(Answer a, String candidate) {
      return a.dreamId() + "\n" + a.analystId() + "\n" + a.sample() + "\n" + candidate;
    }

    /** Runs the work on the pool, in order, reporting progress every tenth. */
    private <T> List<T> all(List<Supplier<T>> work, String what) {
      List<Future<T>> futures = new ArrayList<>(work.size());
      AtomicInteger done = new AtomicInteger();
      int step = Math.max(1, work.size() / 10);
      for (Supplier<T> w : work) {
        futures.add(pool.submit(() -> {
          T value = w.get();
          int n = done.incrementAndGet();
          if (n % step == 0 || n == work.size()) {
            options.progress().accept(what + ": " + n + "/" + work.size());
          }
          return value;
        }));
      }
      List<T> out = new ArrayList<>(futures.size());
      try {
        for (Future<T> f : futures) {
          out.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        throw new CancellationException("the comparison was interrupted; rerun it to continue from the cache");
      } catch (ExecutionException e) {
        futures.forEach(f -> f.cancel(true));
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(cause);
      }
      return out;
    }
  }
}
