package dev.reve.openai.spi;

import dev.reve.openai.call.Cancellation;

/** Work that observes a {@link Cancellation}; see {@link Transport#async}. */
@FunctionalInterface
public interface CancellableWork<T> {
  /** Does the work, passing {@code cancel} to the calls it makes. */
  T run(Cancellation cancel);
}
