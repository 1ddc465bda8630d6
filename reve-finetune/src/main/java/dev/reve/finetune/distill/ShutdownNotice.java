package dev.reve.finetune.distill;

import java.time.LocalDate;
import java.util.Objects;

/**
 * When the model being distilled shuts down: the server's {@code shutdown_date}, or else its
 * family's in the model-capabilities table.
 *
 * @param model the model
 * @param shutdownDate the day it shuts down
 * @param daysLeft days from today (the distillation's clock) to that day; 0 on the day, negative
 *     once past
 */
public record ShutdownNotice(String model, LocalDate shutdownDate, long daysLeft) {
  /** Requires the parts. */
  public ShutdownNotice {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(shutdownDate, "shutdownDate");
  }

  /** One line for a person: the date and the days left, and what that means for this run. */
  public String message() {
    if (daysLeft < 0) {
      return model + " was due to shut down on " + shutdownDate + " (" + (-daysLeft) + " days ago);"
          + " it still answers today, so finish the distillation now";
    }
    return model + " shuts down on " + shutdownDate + ": " + daysLeft + (daysLeft == 1 ? " day" : " days")
        + " left to distil it; after that day it answers 404 and its voice survives only in the training data";
  }
}
