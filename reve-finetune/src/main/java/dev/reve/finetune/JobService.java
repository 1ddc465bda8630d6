package dev.reve.finetune;

import dev.reve.openai.spi.Page;
import dev.reve.openai.spi.Paginator;
import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.InsufficientQuotaException;
import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.spi.Transport;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.error.RateLimitException;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.call.Interrupts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Fine-tuning jobs: create, retrieve, list, events, checkpoints, cancel, pause, resume, and
 * {@link #waitFor waiting} for the end with a listener.
 */
public final class JobService {
  private static final int EVENT_PAGE_SIZE = 50;
  private static final int MAX_EVENT_PAGES_PER_POLL = 20;
  private static final int MAX_CONSECUTIVE_POLL_FAILURES = 5;

  private final Transport client;
  private final FineTuningApi api;
  private final Sleeper sleeper;
  private final Clock clock;

  JobService(Transport client, FineTuningApi api, Sleeper sleeper, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.api = Objects.requireNonNull(api, "api");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a job.
   *
   * @throws FineTuningUnavailableException when the account, key or base model may not be
   *     fine-tuned
   * @throws TrainingFileRejectedException when the service refuses the training or validation
   *     file
   * @throws InsufficientQuotaException when the account has no credit left
   */
  public FineTuningJob create(CreateJobRequest request) {
    return create(request, RequestOptions.NONE);
  }

  /**
   * {@link #create(CreateJobRequest)} with per-request options, for example {@code maxRetries(0)}
   * for a caller that looks for the job before creating it again.
   */
  public FineTuningJob create(CreateJobRequest request, RequestOptions options) {
    return create(request, options, Cancellation.none());
  }

  private FineTuningJob create(CreateJobRequest request, RequestOptions options, Cancellation cancel) {
    Objects.requireNonNull(request, "request");
    return clean(api.create(request, options, cancel));
  }

  /**
   * The provider's own price for {@code request} (Together's {@code estimate-price}); empty where
   * the SDK's price table is the only estimate.
   */
  public Optional<PriceEstimate> estimatePrice(CreateJobRequest request) {
    return api.estimatePrice(Objects.requireNonNull(request, "request"));
  }

  /** Whether jobs keep the metadata the SDK attaches, so they can be found by it. */
  public boolean jobsCarryMetadata() {
    return api.provider().kind().jobsCarryMetadata();
  }

  /** {@link #create} on the client's executor; cancelling the future cancels the HTTP call. */
  public CompletableFuture<FineTuningJob> createAsync(CreateJobRequest request) {
    return client.async(cancel -> create(request, RequestOptions.NONE, cancel));
  }

  /** One job as it is now. */
  public FineTuningJob retrieve(String jobId) {
    return clean(api.retrieve(jobId, Cancellation.none()));
  }

  /** {@link #retrieve} on the client's executor; cancelling the future cancels the HTTP call. */
  public CompletableFuture<FineTuningJob> retrieveAsync(String jobId) {
    return client.async(cancel -> clean(api.retrieve(jobId, cancel)));
  }

  /** One page of the organisation's jobs, newest first. */
  public Page<FineTuningJob> list(JobListQuery query) {
    Objects.requireNonNull(query, "query");
    Page<FineTuningJob> page = api.list(query);
    return new Page<>(page.data().stream().map(this::clean).toList(), page.hasMore(), page.firstId(),
        page.lastId());
  }

  /**
   * Every job matching {@code query}, fetched page by page as the iteration goes; stops at
   * {@code maxItems} whatever {@code has_more} says.
   */
  public Paginator<FineTuningJob> listAll(JobListQuery query, long maxItems) {
    Objects.requireNonNull(query, "query");
    return new Paginator<>(
        after -> list(after.map(query::withAfter).orElse(query)), FineTuningJob::id, maxItems);
  }

  /** {@link #listAll(JobListQuery, long)} with {@link Paginator#DEFAULT_MAX_ITEMS}. */
  public Paginator<FineTuningJob> listAll(JobListQuery query) {
    return listAll(query, Paginator.DEFAULT_MAX_ITEMS);
  }

  /**
   * One page of a job's events, newest first.
   *
   * @param after an event id from an earlier page, to read older events; null for the newest
   * @param limit events per page, null for the server's default (20)
   */
  public Page<JobEvent> events(String jobId, String after, Integer limit) {
    return api.events(jobId, after, limit);
  }

  /** Every event of a job, newest first, up to {@code maxItems}. */
  public Paginator<JobEvent> allEvents(String jobId, long maxItems) {
    return new Paginator<>(
        after -> events(jobId, after.orElse(null), EVENT_PAGE_SIZE), JobEvent::id, maxItems);
  }

  /**
   * One page of a job's checkpoints, newest first.
   *
   * @param after a checkpoint id from an earlier page; null for the newest
   * @param limit checkpoints per page, null for the server's default (10)
   */
  public Page<JobCheckpoint> checkpoints(String jobId, String after, Integer limit) {
    return api.checkpoints(jobId, after, limit);
  }

  /** Cancels a job that has not finished. */
  public FineTuningJob cancel(String jobId) {
    return clean(api.cancel(jobId));
  }

  /**
   * Pauses a running job; the status becomes {@code paused}.
   *
   * @throws UnsupportedOperationException where the provider cannot pause (Together)
   */
  public FineTuningJob pause(String jobId) {
    return clean(api.pause(jobId));
  }

  /** Resumes a paused job. */
  public FineTuningJob resume(String jobId) {
    return clean(api.resume(jobId));
  }

  /**
   * Polls a job until it succeeds, fails or is cancelled, telling {@code listener} about status
   * changes and new events (with step and loss for metrics events). Waits with the service's
   * {@link Sleeper} and measures the deadline with its {@link Clock}. A few failed polls in a row
   * (connection errors, 5xx, rate limits) are tolerated.
   *
   * @return the job in its final state; check {@link FineTuningJob#succeeded()} or call {@link
   *     FineTuningJob#requireSucceeded()}
   * @throws FineTuningTimeoutException when {@code options.timeout()} passes first
   * @throws CancellationException when the waiting thread is interrupted
   */
  public FineTuningJob waitFor(String jobId, WaitOptions options, JobListener listener) {
    return waitFor(jobId, options, listener, Cancellation.none());
  }

  private FineTuningJob waitFor(
      String jobId, WaitOptions options, JobListener listener, Cancellation cancel) {
    dev.reve.openai.spi.Json.requireText(jobId, "jobId");
    Objects.requireNonNull(options, "options");
    JobListener hear = listener == null ? JobListener.NONE : listener;
    Instant start = clock.instant();
    Instant deadline = start.plus(options.timeout());
    Duration interval = options.initialInterval();
    Optional<String> previous = Optional.empty();
    Set<String> seenEvents = new HashSet<>();
    FineTuningJob last = null;
    int failures = 0;
    while (true) {
      cancel.throwIfCancelled();
      boolean changed = false;
      boolean news = false;
      try {
        FineTuningJob job = clean(api.retrieve(jobId, cancel));
        last = job;
        if (previous.isEmpty() || !previous.get().equals(job.status())) {
          hear.onStatus(job, previous);
          previous = Optional.of(job.status());
          changed = true;
        }
        if (options.readEvents()) {
          for (JobEvent event : newEvents(jobId, seenEvents)) {
            news = true;
            hear.onEvent(job, event);
            event.metrics().ifPresent(m -> hear.onMetrics(job, m));
          }
        }
        failures = 0;
        if (job.isTerminal()) {
          return job;
        }
      } catch (ApiConnectionException | InternalServerException | RateLimitException e) {
        // ApiTimeoutException is an ApiConnectionException: a slow poll is tolerated too.
        failures = pollFailed(e, failures);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        if (last == null) {
          throw new FineTuningException(
              "Could not read fine-tuning job " + jobId + " before the wait's deadline");
        }
        throw new FineTuningTimeoutException(last, Duration.between(start, now));
      }
      interval = changed || news ? options.initialInterval() : options.next(interval);
      Duration left = Duration.between(now, deadline);
      sleep(interval.compareTo(left) > 0 ? left : interval);
    }
  }

  /**
   * {@link #waitFor} on the client's executor. Cancelling the future stops the waiting at once:
   * it cancels the poll in flight and interrupts the wait between polls.
   */
  public CompletableFuture<FineTuningJob> waitForAsync(
      String jobId, WaitOptions options, JobListener listener) {
    Thread[] worker = new Thread[1];
    CompletableFuture<FineTuningJob> future =
        client.async(
            cancel -> {
              synchronized (worker) {
                worker[0] = Thread.currentThread();
              }
              try {
                return waitFor(jobId, options, listener, cancel);
              } finally {
                synchronized (worker) {
                  worker[0] = null;
                  Thread.interrupted(); // an interrupt meant for this wait must not reach the pool
                }
              }
            });
    future.whenComplete(
        (job, error) -> {
          if (future.isCancelled()) {
            synchronized (worker) {
              if (worker[0] != null) {
                worker[0].interrupt();
              }
            }
          }
        });
    return future;
  }

  private int pollFailed(OpenAiException e, int failures) {
    if (failures + 1 >= MAX_CONSECUTIVE_POLL_FAILURES) {
      throw e;
    }
    return failures + 1;
  }

  private void sleep(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      throw Interrupts.cancellation("interrupted while waiting for the job", e);
    }
  }

  /** Events not yet seen, oldest first, reading back page by page until a seen one appears. */
  private List<JobEvent> newEvents(String jobId, Set<String> seen) {
    List<JobEvent> fresh = new ArrayList<>();
    String after = null;
    for (int pages = 0; pages < MAX_EVENT_PAGES_PER_POLL; pages++) {
      Page<JobEvent> page = events(jobId, after, EVENT_PAGE_SIZE);
      boolean reachedSeen = false;
      for (JobEvent event : page.data()) {
        if (seen.contains(event.id())) {
          reachedSeen = true;
          break;
        }
        if (fresh.stream().noneMatch(e -> e.id().equals(event.id()))) {
          fresh.add(event);
        }
      }
      if (reachedSeen || !page.more() || page.data().isEmpty()) {
        break;
      }
      String next = page.data().get(page.data().size() - 1).id();
      if (next.equals(after)) {
        break;
      }
      after = next;
    }
    Collections.reverse(fresh);
    fresh.sort(Comparator.comparingLong(JobEvent::createdAt));
    fresh.forEach(e -> seen.add(e.id()));
    return fresh;
  }

  /** Server text kept in a job record goes through the client's one redaction first. */
  private FineTuningJob clean(FineTuningJob job) {
    return job.redacted(client::redact);
  }
}
