package dev.reve.conformance.faults;

import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.call.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a call should come to when its attempts meet {@code faults} in order and then a healthy
 * server: success or a typed failure, after how many attempts, with which waits between them.
 *
 * @param failure the exception type, empty for success
 * @param failedBy the fault behind the failure, empty for success
 * @param attempts HTTP attempts the client makes
 * @param waits the waits between attempts, in order
 */
public record Expectation(
    Optional<Class<? extends OpenAiException>> failure,
    Optional<Fault> failedBy,
    int attempts,
    List<Duration> waits) {

  /** Follows the client's retry rules through the faults. */
  public static Expectation of(CallType call, List<Fault> faults, RetryPolicy policy) {
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      if (attempt > faults.size()) {
        return new Expectation(Optional.empty(), Optional.empty(), attempt, waits);
      }
      Fault fault = faults.get(attempt - 1);
      if (!fault.retried(call) || attempt > policy.maxRetries()) {
        return new Expectation(Optional.of(fault.failure(call)), Optional.of(fault), attempt, waits);
      }
      waits.add(fault.expectedWait(attempt, policy));
    }
  }

  /** True when the call should succeed. */
  public boolean succeeds() {
    return failure.isEmpty();
  }

  /** The outcome's name for counting: {@code success} or the exception's simple name. */
  public String outcome() {
    return failure.map(Class::getSimpleName).orElse("success");
  }
}
