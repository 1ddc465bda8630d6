package dev.reve.openai.files;

import dev.reve.storage.AtomicFiles;
import dev.reve.openai.spi.Page;
import dev.reve.openai.spi.Paginator;
import com.squareup.moshi.Types;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.spi.RawResponse;
import dev.reve.openai.spi.Transport;
import dev.reve.openai.call.RequestOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.MultipartBody;

/**
 * Files: upload (streamed from disk), list, retrieve, delete and download ({@code files},
 * {@code files/{id}}, {@code files/{id}/content}).
 */
public final class FileService {
  /** OpenAI's limit for one uploaded file: 512 MB, counted here as 512 MiB. */
  public static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

  /** The purpose for fine-tuning training and validation files. */
  public static final String FINE_TUNE = "fine-tune";

  /** The purpose for batch input files. */
  public static final String BATCH = "batch";

  private static final Type FILE_PAGE = Types.newParameterizedType(Page.class, UploadedFile.class);
  private static final int COPY_BUFFER = 64 * 1024;

  private final Transport transport;
  private final UploadRefusals refusals;

  /** Over a client's transport; applications use {@code OpenAiClient.files()}. */
  public FileService(Transport transport) {
    this(transport, UploadRefusals.AS_IS);
  }

  private FileService(Transport transport, UploadRefusals refusals) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
  }

  /** The same service, throwing what {@code translation} makes of an upload's refusals. */
  public FileService withUploadRefusals(UploadRefusals translation) {
    return new FileService(transport, translation);
  }

  /** Uploads a JSONL file for fine-tuning under its own base name. */
  public UploadedFile upload(Path file) {
    return upload(file, UploadProgressListener.NONE);
  }

  /** Uploads a JSONL file for fine-tuning under its own base name, reporting progress. */
  public UploadedFile upload(Path file, UploadProgressListener progress) {
    return upload(file, baseName(file), FINE_TUNE, progress);
  }

  private static String baseName(Path file) {
    Path name = Objects.requireNonNull(file, "file").getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /**
   * Uploads a file streamed from disk in constant memory. The body reopens the file on every
   * attempt, so a retried upload sends the whole file again.
   *
   * @param file the file to send
   * @param filename the name the server records
   * @param purpose the purpose, usually {@link #FINE_TUNE}
   * @param progress hears bytes sent of the total
   * @throws FileRejectedException when the file is empty, over {@link #MAX_UPLOAD_BYTES}
   *     (checked before sending), or refused by the server
   * @throws UncheckedIOException when the file cannot be read
   */
  public UploadedFile upload(Path file, String filename, String purpose, UploadProgressListener progress) {
    return upload(file, filename, purpose, progress, RequestOptions.NONE);
  }

  /**
   * {@link #upload(Path, String, String, UploadProgressListener)} with per-request options, for
   * example {@code maxRetries(0)} for a caller that looks for the file before sending it again.
   */
  public UploadedFile upload(
      Path file, String filename, String purpose, UploadProgressListener progress, RequestOptions options) {
    return upload(file, filename, purpose, progress, options, Cancellation.none());
  }

  /**
   * {@link #upload(Path, String, String, UploadProgressListener, RequestOptions)} that hashes the
   * bytes as they are sent: when they are not the data that hashed {@code expectedSha256} (the
   * file changed after it was checked), the upload is deleted again and nothing else is done.
   *
   * @throws FileChangedException when the sent bytes differ from the expected hash
   */
  public UploadedFile uploadExpecting(
      String expectedSha256, Path file, String filename, String purpose, UploadProgressListener progress,
      RequestOptions options) {
    dev.reve.openai.spi.Json.requireText(purpose, "purpose");
    return uploadFormExpecting(
        expectedSha256, "files", java.util.Map.of("purpose", purpose), file, filename, progress, options);
  }

  /**
   * {@link #uploadForm} that hashes the bytes as they are sent, as {@link #uploadExpecting} does:
   * a file that changed after it was checked is deleted again from the provider.
   *
   * @throws FileChangedException when the sent bytes differ from the expected hash
   */
  public UploadedFile uploadFormExpecting(
      String expectedSha256,
      String path,
      java.util.Map<String, String> fields,
      Path file,
      String filename,
      UploadProgressListener progress,
      RequestOptions options) {
    Objects.requireNonNull(expectedSha256, "expectedSha256");
    FileBody[] sent = new FileBody[1];
    UploadedFile uploaded = uploadForm(path, fields, file, filename, progress, options, Cancellation.none(), sent);
    String actual = sent[0].sentSha256();
    if (!expectedSha256.equalsIgnoreCase(actual)) {
      String deleted;
      try {
        delete(uploaded.id());
        deleted = "the upload " + uploaded.id() + " was deleted again";
      } catch (RuntimeException e) {
        deleted = "deleting the upload " + uploaded.id() + " failed too (" + e.getMessage()
            + "); delete it by hand";
      }
      throw new FileChangedException(file, expectedSha256, actual, deleted);
    }
    return uploaded;
  }

  private UploadedFile upload(
      Path file,
      String filename,
      String purpose,
      UploadProgressListener progress,
      RequestOptions options,
      Cancellation cancel) {
    dev.reve.openai.spi.Json.requireText(purpose, "purpose");
    return uploadForm(
        "files", java.util.Map.of("purpose", purpose), file, filename, progress, options, cancel, new FileBody[1]);
  }

  /**
   * Uploads a file to a provider's own upload route: {@code fields} are sent first as form
   * fields, then the file as the {@code file} part, streamed from disk as {@link #upload(Path,
   * String, String, UploadProgressListener, RequestOptions)} does (same checks, same refusals).
   * Together AI's {@code files/upload} takes {@code purpose}, {@code file_name} and {@code
   * file_type} this way.
   *
   * @param path the route relative to the base URL
   * @param fields the form fields in the order to send them
   */
  public UploadedFile uploadForm(
      String path,
      java.util.Map<String, String> fields,
      Path file,
      String filename,
      UploadProgressListener progress,
      RequestOptions options) {
    return uploadForm(path, fields, file, filename, progress, options, Cancellation.none(), new FileBody[1]);
  }

  private UploadedFile uploadForm(
      String path,
      java.util.Map<String, String> fields,
      Path file,
      String filename,
      UploadProgressListener progress,
      RequestOptions options,
      Cancellation cancel,
      FileBody[] sent) {
    Objects.requireNonNull(file, "file");
    dev.reve.openai.spi.Json.requireText(filename, "filename");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(progress, "progress");
    long size;
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString(), null, "not a regular file");
      }
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " for upload: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw refusals.translate(filename, new FileRejectedException(
          filename, "'" + filename + "' is empty; write its content first"));
    }
    if (size > MAX_UPLOAD_BYTES) {
      throw refusals.translate(filename, new FileRejectedException(
          filename,
          "'" + filename + "' is " + size + " bytes, over OpenAI's upload limit of "
              + MAX_UPLOAD_BYTES + " bytes (512 MB); nothing was sent. Split it or use fewer"
              + " examples"));
    }
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    fields.forEach(form::addFormDataPart);
    MultipartBody body =
        form.addFormDataPart("file", filename, sent[0] = new FileBody(file, size, progress)).build();
    ApiRequest request = ApiRequest.post(path).body(body).options(options).build();
    try {
      return transport.<UploadedFile>send(request, UploadedFile.class, cancel).body();
    } catch (ApiException e) {
      throw refusals.translate(filename, e);
    }
  }

  /**
   * {@link #upload(Path, UploadProgressListener)} on the client's executor; cancelling the future
   * cancels the HTTP call.
   */
  public CompletableFuture<UploadedFile> uploadAsync(Path file, UploadProgressListener progress) {
    String filename = baseName(file);
    return transport.async(
        cancel -> upload(file, filename, FINE_TUNE, progress, RequestOptions.NONE, cancel));
  }

  /** One page of files. */
  public Page<UploadedFile> list(FileListQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest.Builder request = ApiRequest.get("files");
    query.purpose().ifPresent(p -> request.query("purpose", p));
    query.limit().ifPresent(l -> request.query("limit", l));
    query.order().ifPresent(o -> request.query("order", o));
    query.after().ifPresent(a -> request.query("after", a));
    return transport.<Page<UploadedFile>>send(request.build(), FILE_PAGE).body();
  }

  /**
   * Every file matching {@code query}, fetched page by page as the iteration goes, up to {@link
   * Paginator#DEFAULT_MAX_ITEMS} (change with {@link Paginator#limit(long)}).
   */
  public Paginator<UploadedFile> listAll(FileListQuery query) {
    Objects.requireNonNull(query, "query");
    return new Paginator<>(
        after -> list(after.map(query::withAfter).orElse(query)),
        UploadedFile::id,
        Paginator.DEFAULT_MAX_ITEMS);
  }

  /** One file's details. */
  public UploadedFile retrieve(String fileId) {
    return transport.<UploadedFile>send(ApiRequest.get("files", fileId).build(), UploadedFile.class).body();
  }

  /** Deletes a file. */
  public Deleted delete(String fileId) {
    return transport.<Deleted>send(ApiRequest.delete("files", fileId).build(), Deleted.class).body();
  }

  /**
   * Streams a file's content into {@code out} (not closed) and returns the byte count.
   *
   * @throws UncheckedIOException when reading the response or writing fails
   */
  public long download(String fileId, OutputStream out) {
    Objects.requireNonNull(out, "out");
    ApiRequest request =
        // OpenAI's description types the content as application/json; accept that too (a strict
        // server such as Prism answers 406 to octet-stream alone).
        ApiRequest.get("files", fileId, "content")
            .header("Accept", "application/octet-stream, */*;q=0.8")
            .build();
    try (RawResponse response = transport.raw(request, Cancellation.none());
        InputStream in = response.body()) {
      byte[] buffer = new byte[COPY_BUFFER];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        total += n;
      }
      out.flush();
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("Downloading " + fileId + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Streams a file's content to {@code target}, replacing it only once the download is complete
   * (a temporary file in the same directory is renamed), and returns the byte count.
   */
  public long download(String fileId, Path target) {
    Objects.requireNonNull(target, "target");
    try (AtomicFiles.Replacement file = AtomicFiles.begin(target)) {
      long bytes = download(fileId, file.stream());
      file.commit();
      return bytes;
    }
  }

  /** Finds an uploaded file with this name and size among the fine-tuning files. */
  public Optional<UploadedFile> findUploaded(String filename, long bytes) {
    return findUploaded(filename, bytes, FileListQuery.FINE_TUNE);
  }

  /** Finds an uploaded file with this name and size among the files {@code query} lists. */
  public Optional<UploadedFile> findUploaded(String filename, long bytes, FileListQuery query) {
    return listAll(query).stream()
        .filter(f -> f.filename().equals(filename) && f.bytes() == bytes && !f.failed())
        .findFirst();
  }
}
