package dev.reve.openai.files;

import java.util.Optional;

/**
 * Filters and paging for {@code GET files}.
 *
 * @param purpose only files with this purpose, such as {@code fine-tune}
 * @param limit items per page (1 to 10,000)
 * @param order by creation time: {@code asc} or {@code desc}
 * @param after the id after which to start (a page's {@code last_id})
 */
public record FileListQuery(
    Optional<String> purpose, Optional<Integer> limit, Optional<String> order, Optional<String> after) {

  /** Fine-tuning files, newest first, in pages of 100. */
  public static final FileListQuery FINE_TUNE =
      new FileListQuery(Optional.of("fine-tune"), Optional.of(100), Optional.of("desc"), Optional.empty());

  /** Batch input files, newest first, in pages of 100. */
  public static final FileListQuery BATCH =
      new FileListQuery(Optional.of("batch"), Optional.of(100), Optional.of("desc"), Optional.empty());

  /** No filter; the server's defaults. */
  public static final FileListQuery ALL =
      new FileListQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Checks the bounds. */
  public FileListQuery {
    purpose = dev.reve.openai.spi.Json.opt(purpose);
    limit = dev.reve.openai.spi.Json.opt(limit);
    limit.ifPresent(
        l -> {
          if (l < 1 || l > 10_000) {
            throw new IllegalArgumentException("limit must be from 1 to 10000, was " + l);
          }
        });
    order = dev.reve.openai.spi.Json.opt(order);
    order.ifPresent(
        o -> {
          if (!o.equals("asc") && !o.equals("desc")) {
            throw new IllegalArgumentException("order must be 'asc' or 'desc', was '" + o + "'");
          }
        });
    after = dev.reve.openai.spi.Json.opt(after);
  }

  /** A copy filtered to {@code value}. */
  public FileListQuery withPurpose(String value) {
    return copy(Optional.of(value), limit, order, after);
  }

  /** A copy with another page size. */
  public FileListQuery withLimit(int value) {
    return copy(purpose, Optional.of(value), order, after);
  }

  /** A copy with another order ({@code asc} or {@code desc}). */
  public FileListQuery withOrder(String value) {
    return copy(purpose, limit, Optional.of(value), after);
  }

  /** A copy starting after {@code fileId}. */
  public FileListQuery withAfter(String fileId) {
    return copy(purpose, limit, order, Optional.ofNullable(fileId));
  }

  private static FileListQuery copy(
      Optional<String> purpose, Optional<Integer> limit, Optional<String> order, Optional<String> after) {
    return new FileListQuery(purpose, limit, order, after);
  }
}
