package dev.reve.analysis;

/**
 * Upper bounds on a dream's parts, in characters, checked before any request: they cap cost and
 * the room a pasted text has to steer the analyst.
 *
 * @param maxContent the dream itself (default 8,000)
 * @param maxTitle the title (default 200)
 * @param maxContext the dreamer's context (default 2,000)
 * @param maxAssociations the dreamer's associations (default 4,000)
 */
public record DreamLimits(int maxContent, int maxTitle, int maxContext, int maxAssociations) {
  /** The defaults. */
  public static final DreamLimits DEFAULT = new DreamLimits(8_000, 200, 2_000, 4_000);

  /** Requires positive limits. */
  public DreamLimits {
    if (maxContent < 1 || maxTitle < 1 || maxContext < 1 || maxAssociations < 1) {
      throw new IllegalArgumentException("dream limits must be positive");
    }
  }

  /** A copy with another content limit. */
  public DreamLimits withMaxContent(int chars) {
    return new DreamLimits(chars, maxTitle, maxContext, maxAssociations);
  }

  /**
   * Rejects a dream with a part over its limit.
   *
   * @throws InvalidDreamException naming the part, its length and the limit
   */
  public Dream check(Dream dream) {
    check("dream", dream.content().length(), maxContent);
    dream.title().ifPresent(t -> check("title", t.length(), maxTitle));
    dream.context().ifPresent(c -> check("dreamer's context", c.length(), maxContext));
    dream.associations().ifPresent(a -> check("associations", a.length(), maxAssociations));
    noForgedSection("dream", dream.content());
    dream.context().ifPresent(c -> noForgedSection("dreamer's context", c));
    return dream;
  }

  /**
   * The prompt marks context and associations by a label after a blank line; a part that holds
   * such a line itself would pass its own text off as the dreamer's context or associations.
   */
  private static void noForgedSection(String part, String text) {
    for (String label : java.util.List.of(PromptBuilder.CONTEXT, PromptBuilder.ASSOCIATIONS)) {
      String marker = label.strip();
      if (text.contains("\n" + marker)) {
        throw new InvalidDreamException(
            "The " + part + " has a line starting with '" + marker + "', which would read as a"
                + " section of its own; give associations with --associations (or"
                + " Dream.Builder.associations) and the context with --context, or reword the line.");
      }
    }
  }

  private static void check(String part, int length, int limit) {
    if (length > limit) {
      throw new InvalidDreamException(
          "The "
              + part
              + " is "
              + length
              + " characters long; the limit is "
              + limit
              + ". Shorten it, or raise the limit with DreamLimits.");
    }
  }
}
