package dev.reve.finetune;

import java.util.Objects;
import java.util.Optional;

/**
 * One training hyperparameter: either {@code auto} (the service chooses) or a number.
 *
 * @param value the number, empty for {@code auto}
 */
public record Hyperparameter(Optional<Number> value) {
  private static final Hyperparameter AUTO = new Hyperparameter(Optional.empty());

  /** Normalises a null optional to {@code auto}. */
  public Hyperparameter {
    value = value == null ? Optional.empty() : value;
  }

  /** The service chooses the value. */
  public static Hyperparameter auto() {
    return AUTO;
  }

  /** A whole number (epochs, batch size). */
  public static Hyperparameter of(int number) {
    return new Hyperparameter(Optional.of(number));
  }

  /** A decimal number (learning-rate multiplier). */
  public static Hyperparameter of(double number) {
    return new Hyperparameter(Optional.of(number));
  }

  /** Whether the service chooses the value. */
  public boolean isAuto() {
    return value.isEmpty();
  }

  /** The value as JSON wants it: the string {@code auto} or the number. */
  Object toWire() {
    return value.<Object>map(n -> n).orElse("auto");
  }

  /** Reads {@code "auto"}, a number, or absent (auto) from parsed JSON. */
  static Hyperparameter fromWire(Object wire) {
    if (wire instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
        return of((int) d);
      }
      return of(d);
    }
    if (wire instanceof String s && !s.isBlank() && !"auto".equalsIgnoreCase(s.strip())) {
      try {
        return fromWire(Double.parseDouble(s.strip()));
      } catch (NumberFormatException e) {
        return AUTO;
      }
    }
    return AUTO;
  }

  /** Requires a whole number within bounds, or auto. */
  Hyperparameter requireWhole(String name, int min, int max) {
    value.ifPresent(
        n -> {
          double d = n.doubleValue();
          if (d != Math.rint(d) || d < min || d > max) {
            throw new IllegalArgumentException(
                name + " must be 'auto' or a whole number from " + min + " to " + max + ", was " + n);
          }
        });
    return value.isPresent() && !(value.get() instanceof Integer)
        ? of((int) value.get().doubleValue())
        : this;
  }

  /** Requires a positive number, or auto. */
  Hyperparameter requirePositive(String name) {
    value.ifPresent(
        n -> {
          double d = n.doubleValue();
          if (!(d > 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(name + " must be 'auto' or a number above 0, was " + n);
          }
        });
    return this;
  }

  @Override
  public String toString() {
    return value.map(String::valueOf).orElse("auto");
  }

  /** Equal when both are auto or both hold the same numeric value. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Hyperparameter h)) {
      return false;
    }
    if (value.isEmpty() || h.value.isEmpty()) {
      return value.isEmpty() && h.value.isEmpty();
    }
    return Double.compare(value.get().doubleValue(), h.value.get().doubleValue()) == 0;
  }

  @Override
  public int hashCode() {
    return value.map(n -> Double.hashCode(n.doubleValue())).orElse(0);
  }

  static Hyperparameter orAuto(Hyperparameter h) {
    return Objects.requireNonNullElse(h, AUTO);
  }
}
