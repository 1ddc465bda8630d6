package dev.reve.openai.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks a cursor-paged list lazily, fetching the next page only when the previous one is used
 * up. Stops when the server says no more items follow, when a page is empty or repeats the
 * previous cursor or only items already seen, or when the cap on items is reached: a mock server
 * that always answers {@code has_more: true} cannot make it loop forever or repeat items.
 *
 * @param <T> the item type
 */
public final class Paginator<T> implements Iterable<T> {
  /** Default cap on the number of items one walk yields. */
  public static final long DEFAULT_MAX_ITEMS = 10_000;

  private final Function<Optional<String>, Page<T>> fetch;
  private final Function<T, String> idOf;
  private final long maxItems;

  /**
   * A paginator.
   *
   * @param fetch fetches the page after the given cursor (empty for the first page)
   * @param idOf the id of an item, used as the cursor when the page has no {@code last_id}
   * @param maxItems the most items one walk yields
   */
  public Paginator(Function<Optional<String>, Page<T>> fetch, Function<T, String> idOf, long maxItems) {
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.idOf = Objects.requireNonNull(idOf, "idOf");
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
    }
    this.maxItems = maxItems;
  }

  /** The same walk with another cap on the number of items. */
  public Paginator<T> limit(long max) {
    return new Paginator<>(fetch, idOf, max);
  }

  @Override
  public Iterator<T> iterator() {
    return new Walk();
  }

  /** The items as a sequential, lazy stream. */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Every item up to the cap, fetched now. */
  public List<T> toList() {
    List<T> all = new ArrayList<>();
    forEach(all::add);
    return all;
  }

  private final class Walk implements Iterator<T> {
    private Iterator<T> current = null;
    private Optional<String> cursor = Optional.empty();
    private boolean exhausted;
    private long yielded;
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    @Override
    public boolean hasNext() {
      if (yielded >= maxItems) {
        return false;
      }
      while (current == null || !current.hasNext()) {
        if (exhausted) {
          return false;
        }
        Page<T> page = fetch.apply(cursor);
        List<T> data = page.data();
        Optional<String> next =
            page.lastId().or(() -> data.isEmpty() ? Optional.empty() : Optional.ofNullable(idOf.apply(data.get(data.size() - 1))));
        if (!page.more() || data.isEmpty() || next.isEmpty() || next.equals(cursor)) {
          exhausted = true;
        }
        cursor = next;
        // A server that repeats a page (as mocks do) yields nothing new: skip repeats, and stop
        // when a whole page was seen before.
        List<T> fresh = data.stream().filter(item -> seen.add(idOf.apply(item))).toList();
        if (fresh.isEmpty()) {
          exhausted = true;
        }
        current = fresh.iterator();
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      yielded++;
      return current.next();
    }
  }
}
