package dev.reve.openai.batches;

import com.squareup.moshi.Types;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.Page;
import dev.reve.openai.spi.Paginator;
import dev.reve.openai.spi.Transport;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Batches: create, list, retrieve and cancel ({@code batches}, {@code batches/{id}}, {@code
 * batches/{id}/cancel}). The input and output files go through {@code OpenAiClient.files()} with
 * purpose {@link dev.reve.openai.files.FileService#BATCH}; the lines in them are {@link
 * BatchInputLine} and {@link BatchOutputLine}.
 */
public final class BatchService {
  /** The chat completions endpoint, as a batch names it. */
  public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
  /** OpenAI's limit on the requests of one batch. */
  public static final int MAX_REQUESTS = 50_000;
  /** OpenAI's limit on a batch's input file: 200 MB, counted here as 200 MiB. */
  public static final long MAX_INPUT_BYTES = 200L * 1024 * 1024;

  private static final Type BATCH_PAGE = Types.newParameterizedType(Page.class, Batch.class);

  private final Transport transport;

  /** Over a client's transport; applications use {@code OpenAiClient.batches()}. */
  public BatchService(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /** Creates a batch and starts it. */
  public Batch create(CreateBatchRequest request) {
    return create(request, RequestOptions.NONE);
  }

  /**
   * Creates a batch with per-request options; {@code maxRetries(0)} for a caller that looks for
   * the batch by its metadata before sending again (see {@link dev.reve.openai.spi.SendOnce}).
   */
  public Batch create(CreateBatchRequest request, RequestOptions options) {
    Objects.requireNonNull(request, "request");
    ApiRequest api = ApiRequest.post("batches").jsonBody(request).options(options).build();
    return transport.<Batch>send(api, Batch.class).body();
  }

  /** {@link #create(CreateBatchRequest)} without blocking. */
  public CompletableFuture<Batch> createAsync(CreateBatchRequest request) {
    Objects.requireNonNull(request, "request");
    ApiRequest api = ApiRequest.post("batches").jsonBody(request).build();
    return transport.async(cancel -> transport.<Batch>send(api, Batch.class, cancel).body());
  }

  /** One batch. */
  public Batch retrieve(String batchId) {
    return transport.<Batch>send(ApiRequest.get("batches", batchId).build(), Batch.class).body();
  }

  /** {@link #retrieve(String)} without blocking. */
  public CompletableFuture<Batch> retrieveAsync(String batchId) {
    ApiRequest api = ApiRequest.get("batches", batchId).build();
    return transport.async(cancel -> transport.<Batch>send(api, Batch.class, cancel).body());
  }

  /**
   * Asks for a batch to stop: it is {@code cancelling} for up to ten minutes, then {@code
   * cancelled} with what completed in its output file.
   */
  public Batch cancel(String batchId) {
    return transport.<Batch>send(ApiRequest.post("batches", batchId, "cancel").build(), Batch.class).body();
  }

  /** {@link #cancel(String)} without blocking. */
  public CompletableFuture<Batch> cancelAsync(String batchId) {
    ApiRequest api = ApiRequest.post("batches", batchId, "cancel").build();
    return transport.async(cancel -> transport.<Batch>send(api, Batch.class, cancel).body());
  }

  /** One page of batches, newest first. */
  public Page<Batch> list(BatchListQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest.Builder request = ApiRequest.get("batches");
    query.limit().ifPresent(l -> request.query("limit", l));
    query.after().ifPresent(a -> request.query("after", a));
    return transport.<Page<Batch>>send(request.build(), BATCH_PAGE).body();
  }

  /**
   * Every batch, newest first, fetched page by page as the iteration goes, up to {@link
   * Paginator#DEFAULT_MAX_ITEMS} (change with {@link Paginator#limit(long)}).
   */
  public Paginator<Batch> listAll(BatchListQuery query) {
    Objects.requireNonNull(query, "query");
    return new Paginator<>(
        after -> list(after.map(query::withAfter).orElse(query)), Batch::id, Paginator.DEFAULT_MAX_ITEMS);
  }

  /**
   * The newest batch whose metadata holds every pair of {@code wanted} and that did not fail
   * validation: how a caller that lost the answer to a create finds the batch it made.
   */
  public Optional<Batch> findByMetadata(Map<String, String> wanted) {
    Objects.requireNonNull(wanted, "wanted");
    return listAll(BatchListQuery.DEFAULT).stream()
        .filter(b -> b.metadata().entrySet().containsAll(wanted.entrySet()))
        .filter(b -> b.state() != BatchStatus.FAILED)
        .findFirst();
  }
}
