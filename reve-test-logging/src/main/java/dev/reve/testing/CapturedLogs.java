package dev.reve.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Every log event of the test JVM, at every level including TRACE, recorded by {@link
 * CapturingLogProvider} (the SLF4J binding on the test classpath).
 */
public final class CapturedLogs {
  private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

  private CapturedLogs() {}

  /**
   * One log event.
   *
   * @param level TRACE, DEBUG, INFO, WARN or ERROR
   * @param logger logger name
   * @param message formatted message
   * @param throwable the attached exception's toString and stack, or empty
   */
  public record Event(String level, String logger, String message, String throwable) {
    /** Everything in the event as one line of text. */
    public String text() {
      return level + " " + logger + " " + message + " " + throwable;
    }
  }

  static void add(Event event) {
    EVENTS.add(event);
  }

  /** Forgets all events so far. */
  public static void clear() {
    EVENTS.clear();
  }

  /** The events so far. */
  public static List<Event> events() {
    return List.copyOf(EVENTS);
  }

  /** The events at one level. */
  public static List<Event> at(String level) {
    return EVENTS.stream().filter(e -> e.level().equals(level)).toList();
  }

  /** All events as text, one per line. */
  public static String text() {
    return EVENTS.stream().map(Event::text).collect(Collectors.joining("\n"));
  }
}
