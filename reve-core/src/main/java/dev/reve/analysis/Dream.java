package dev.reve.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * A dream as the dreamer reports it. Control characters other than line breaks and tabs are
 * stripped, line endings become {@code \n} and surrounding blank space is trimmed; blank content
 * is rejected. Length limits are checked by {@link DreamLimits} before any request.
 *
 * @param content the dream itself (required)
 * @param title an optional title
 * @param context the dreamer's situation (age band, what is going on in their life)
 * @param associations the dreamer's own notes on the dream's images
 */
public record Dream(
    String content, Optional<String> title, Optional<String> context, Optional<String> associations) {

  /** Cleans every part and rejects blank content. */
  public Dream {
    content = clean(Objects.requireNonNull(content, "content"));
    if (content.isEmpty()) {
      throw new InvalidDreamException("The dream is empty: write what happened in the dream.");
    }
    title = cleanOptional(title).map(t -> t.replace('\n', ' '));
    context = cleanOptional(context);
    associations = cleanOptional(associations);
  }

  /** A dream with content only. */
  public static Dream of(String content) {
    return new Dream(content, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A builder for a dream with title, context or associations. */
  public static Builder builder(String content) {
    return new Builder(content);
  }

  /** A copy with another title. */
  public Dream withTitle(String value) {
    return new Dream(content, Optional.ofNullable(value), context, associations);
  }

  /** A copy with the dreamer's context. */
  public Dream withContext(String value) {
    return new Dream(content, title, Optional.ofNullable(value), associations);
  }

  /** A copy with the dreamer's associations. */
  public Dream withAssociations(String value) {
    return new Dream(content, title, context, Optional.ofNullable(value));
  }

  private static Optional<String> cleanOptional(Optional<String> value) {
    if (value == null) {
      return Optional.empty();
    }
    return value.map(Dream::clean).filter(s -> !s.isEmpty());
  }

  /** Normalises line endings, drops control characters except newline and tab, trims. */
  static String clean(String text) {
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(unified.length());
    unified
        .codePoints()
        .filter(cp -> cp == '\n' || cp == '\t' || !(Character.isISOControl(cp) || cp == 0xFEFF
            || Character.getType(cp) == Character.FORMAT && cp != 0x200D))
        .forEach(out::appendCodePoint);
    return out.toString().strip();
  }

  /** Builds a {@link Dream}. */
  public static final class Builder {
    private final String content;
    private String title;
    private String context;
    private String associations;

    private Builder(String content) {
      this.content = content;
    }

    /** An optional title. */
    public Builder title(String value) {
      this.title = value;
      return this;
    }

    /** The dreamer's situation, for example "34, nurse, new job next week". */
    public Builder context(String value) {
      this.context = value;
      return this;
    }

    /** The dreamer's own notes on the dream's images. */
    public Builder associations(String value) {
      this.associations = value;
      return this;
    }

    /** Builds the dream. */
    public Dream build() {
      return new Dream(
          content,
          Optional.ofNullable(title),
          Optional.ofNullable(context),
          Optional.ofNullable(associations));
    }
  }
}
