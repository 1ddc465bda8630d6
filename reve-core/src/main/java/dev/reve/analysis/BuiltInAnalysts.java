package dev.reve.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The analysts that ship with the SDK: Carl Jung and Sigmund Freud. */
public final class BuiltInAnalysts {
  /** Carl Gustav Jung, analytical psychology. */
  public static final AnalystProfile JUNG =
      new AnalystProfile(
          "jung",
          "Carl Gustav Jung",
          "Psychiatrist, founder of analytical psychology",
          "1912-1935",
          "Dreams as compensation; personal and collective layers of the unconscious",
          "Starts from the dreamer's conscious situation and associations, asks what the dream"
              + " compensates and what it is for, reads figures on the objective and subjective"
              + " levels, and amplifies with specific parallels only after the personal material.",
          "Swiss psychiatrist (1875-1961). Worked at the Burghölzli clinic in Zurich, collaborated"
              + " with Freud from 1906 to 1913, then developed his own analytical psychology.",
          load("jung.system.txt"));

  /** Sigmund Freud, psychoanalysis. */
  public static final AnalystProfile FREUD =
      new AnalystProfile(
          "freud",
          "Sigmund Freud",
          "Neurologist, founder of psychoanalysis",
          "1900-1933",
          "Dreams as disguised fulfilments of wishes; the dream-work",
          "Works element by element from the dreamer's associations and the previous day's"
              + " impressions to the wish the dream shows as fulfilled, naming the dream-work"
              + " mechanism each detail reveals, with symbolism only as a supplement.",
          "Austrian neurologist (1856-1939). Published The Interpretation of Dreams in 1900 and"
              + " revised it through eight editions; practised in Vienna until 1938.",
          load("freud.system.txt"));

  private BuiltInAnalysts() {}

  /** Jung and Freud, in that order. */
  public static List<AnalystProfile> all() {
    return List.of(JUNG, FREUD);
  }

  static String load(String resource) {
    try (InputStream in = BuiltInAnalysts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " in reve-core");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
