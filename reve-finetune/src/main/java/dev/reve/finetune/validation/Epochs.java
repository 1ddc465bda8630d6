package dev.reve.finetune.validation;

import java.util.Optional;

/**
 * The number of training epochs: a fixed number, or {@code auto} (OpenAI picks it from the size of
 * the data set). Estimates assume {@value #ASSUMED_FOR_AUTO} epochs for {@code auto} and say so.
 */
public final class Epochs {
  /** The epoch count used to estimate cost when the count is {@code auto}. */
  public static final int ASSUMED_FOR_AUTO = 3;

  private static final Epochs AUTO = new Epochs(0);
  private final int count;

  private Epochs(int count) {
    this.count = count;
  }

  /** Let the service choose. */
  public static Epochs auto() {
    return AUTO;
  }

  /**
   * A fixed number of epochs.
   *
   * @throws IllegalArgumentException unless 1 to 50 (OpenAI's range)
   */
  public static Epochs of(int count) {
    if (count < 1 || count > 50) {
      throw new IllegalArgumentException("epochs must be 1 to 50, or auto; got " + count);
    }
    return new Epochs(count);
  }

  /** Parses {@code auto} or a number, as a CLI option would give it. */
  public static Epochs parse(String text) {
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("auto")) {
      return AUTO;
    }
    try {
      return of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("epochs must be a number from 1 to 50 or 'auto'; got '" + text + "'", e);
    }
  }

  /** True when the service chooses. */
  public boolean isAuto() {
    return count == 0;
  }

  /** The fixed count, empty for {@code auto}. */
  public Optional<Integer> count() {
    return isAuto() ? Optional.empty() : Optional.of(count);
  }

  /** The count to estimate with: the fixed count, or {@value #ASSUMED_FOR_AUTO} for auto. */
  public int forEstimate() {
    return isAuto() ? ASSUMED_FOR_AUTO : count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Epochs that && that.count == count;
  }

  @Override
  public int hashCode() {
    return count;
  }

  /** {@code auto} or the number. */
  @Override
  public String toString() {
    return isAuto() ? "auto" : Integer.toString(count);
  }
}
