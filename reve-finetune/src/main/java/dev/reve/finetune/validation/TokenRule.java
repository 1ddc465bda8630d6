package dev.reve.finetune.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts each well-formed example's tokens, reports examples over the base model's per-example
 * limit, and a base model with no known price or limit.
 */
final class TokenRule implements ValidationRule {
  private final TokenCounter counter;
  private final ValidationOptions options;
  private final int limit;
  private final List<Integer> perExample = new ArrayList<>();
  private long total;
  private int max;
  private long maxLine;
  private int min = Integer.MAX_VALUE;

  TokenRule(TokenCounter counter, ValidationOptions options) {
    this.counter = counter;
    this.options = options;
    this.limit = options.tokenLimit();
  }

  @Override
  public boolean check(ExampleLine line, ProblemSink sink) {
    if (!line.wellFormed) {
      return false;
    }
    int tokens = counter.countExample(line.example);
    perExample.add(tokens);
    total += tokens;
    if (tokens > max) {
      max = tokens;
      maxLine = line.number;
    }
    min = Math.min(min, tokens);
    if (tokens > limit) {
      sink.add(line.number, ProblemCode.TOO_MANY_TOKENS,
          "the example has " + String.format(Locale.ROOT, "%,d", tokens)
              + " tokens, more than the " + String.format(Locale.ROOT, "%,d", limit)
              + " allowed per example for " + options.baseModel() + "; shorten it or split it");
    }
    return true;
  }

  @Override
  public void finish(ProblemSink sink) {
    if (options.priceTable().find(options.baseModel()).isEmpty()) {
      sink.add(0, ProblemCode.UNKNOWN_MODEL,
          "no price or limit is known for " + options.baseModel() + ": the cost is not estimated and"
              + " examples are checked against " + limit + " tokens; add the model to the PriceTable"
              + " or set maxTokensPerExample");
    }
  }

  TokenStats stats() {
    return new TokenStats(total, max, maxLine, perExample.isEmpty() ? 0 : min, perExample, limit);
  }
}
