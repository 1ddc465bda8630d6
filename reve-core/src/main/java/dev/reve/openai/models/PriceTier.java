package dev.reve.openai.models;

/** How a request is billed: sent alone, or as a line of a batch (the row's {@code batch} factor). */
public enum PriceTier {
  /** One request at a time, at the row's list price. */
  STANDARD,
  /** A line of the Batch API, at the list price times the row's {@code batch} factor. */
  BATCH
}
