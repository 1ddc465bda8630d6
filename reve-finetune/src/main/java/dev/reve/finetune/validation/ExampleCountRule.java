package dev.reve.finetune.validation;

/**
 * Counts the examples (every line but blank ones, readable or not) and reports a file with too
 * few of them.
 */
final class ExampleCountRule implements ValidationRule {
  private long examples;

  long examples() {
    return examples;
  }

  @Override
  public boolean check(ExampleLine line, ProblemSink sink) {
    if (line.raw.tooLong() || line.text() == null || !line.text().isBlank()) {
      examples++;
    }
    return true;
  }

  @Override
  public void finish(ProblemSink sink) {
    if (examples < TrainingDataValidator.MIN_EXAMPLES) {
      sink.add(0, ProblemCode.TOO_FEW_EXAMPLES,
          "the file has " + examples + (examples == 1 ? " example" : " examples") + "; OpenAI requires at least "
              + TrainingDataValidator.MIN_EXAMPLES + " (and recommends " + TrainingDataValidator.RECOMMENDED_EXAMPLES
              + " to 100): add examples");
    } else if (examples < TrainingDataValidator.RECOMMENDED_EXAMPLES) {
      sink.add(0, ProblemCode.FEW_EXAMPLES,
          "the file has " + examples + " examples; OpenAI recommends starting with "
              + TrainingDataValidator.RECOMMENDED_EXAMPLES + " to 100 well-made examples");
    }
  }
}
