package dev.reve.testkit;

/**
 * Direct changes to a job for {@link EmulatedJobs#edit}: fields are set as given and no
 * event is added, for tests that script the exact course of a job. The lifecycle calls ({@link
 * EmulatedJobs#advance}, {@link EmulatedJobs#succeed}, {@link EmulatedJobs#fail}) are the
 * realistic alternative.
 */
public interface JobEdit {
  /** Sets the status, as on the wire ({@code running}, {@code succeeded}, or any other string). */
  JobEdit status(String status);

  /**
   * Sets the fine-tuned model; with status {@code succeeded} the model is also added to the
   * models list, as OpenAI does.
   */
  JobEdit fineTunedModel(String model);

  /** Sets the error of a failed job. */
  JobEdit error(String code, String message, String param);

  /** Removes the error. */
  JobEdit clearError();
}
