package dev.reve.finetune.validation;

/**
 * Stable identifiers of the validation rules, safe to match on in code and CI scripts. Each code
 * has the severity it is reported with unless stated otherwise.
 */
public enum ProblemCode {
  /** The file cannot be read or is empty. */
  UNREADABLE(Severity.ERROR),
  /** A line is not valid UTF-8. */
  INVALID_UTF8(Severity.ERROR),
  /** The file starts with a UTF-8 byte order mark. */
  BOM(Severity.ERROR),
  /** Lines end with CR LF instead of LF. */
  CRLF(Severity.WARNING),
  /** An empty or whitespace-only line. */
  BLANK_LINE(Severity.WARNING),
  /** A line longer than the reader accepts. */
  LINE_TOO_LONG(Severity.ERROR),
  /** A line is not one well-formed JSON value. */
  INVALID_JSON(Severity.ERROR),
  /** A line is JSON, but not an object. */
  NOT_AN_OBJECT(Severity.ERROR),
  /** No {@code messages} array, or an empty one. */
  MISSING_MESSAGES(Severity.ERROR),
  /** A key the chat fine-tuning format does not define (a warning at the top level). */
  UNKNOWN_KEY(Severity.ERROR),
  /** An element of {@code messages} is not an object. */
  BAD_MESSAGE(Severity.ERROR),
  /** A missing role, or one the chat fine-tuning format does not allow. */
  BAD_ROLE(Severity.ERROR),
  /** A {@code developer} message, which the chat fine-tuning input format does not list. */
  DEVELOPER_ROLE(Severity.WARNING),
  /** A message without content (or with blank content). */
  MISSING_CONTENT(Severity.ERROR),
  /** Content of the wrong type or with unsupported parts. */
  BAD_CONTENT(Severity.ERROR),
  /** A field the role requires is missing, or a field has the wrong type. */
  BAD_FIELD(Severity.ERROR),
  /** No assistant message to learn from. */
  NO_ASSISTANT(Severity.ERROR),
  /** Every assistant message has weight 0, so the example teaches nothing. */
  NOTHING_TO_LEARN(Severity.WARNING),
  /** A {@code weight} other than 0 or 1, or a weight on a message that is not the assistant's. */
  BAD_WEIGHT(Severity.ERROR),
  /** Image parts, whose tokens are not counted. */
  UNCOUNTED_IMAGE(Severity.WARNING),
  /** The same example appears more than once. */
  DUPLICATE(Severity.WARNING),
  /** Fewer examples than OpenAI accepts (10). */
  TOO_FEW_EXAMPLES(Severity.ERROR),
  /** Fewer examples than OpenAI recommends (50). */
  FEW_EXAMPLES(Severity.WARNING),
  /** An example longer than the base model's per-example limit. */
  TOO_MANY_TOKENS(Severity.ERROR),
  /** No price or limit is known for the base model. */
  UNKNOWN_MODEL(Severity.WARNING),
  /** A system prompt that differs from the one the analyst sends at inference. */
  SYSTEM_PROMPT_SKEW(Severity.ERROR),
  /** A user message the prompt builder would not have written. */
  USER_TEMPLATE_SKEW(Severity.ERROR),
  /** An answer uses the other school's explanatory vocabulary. */
  OTHER_SCHOOL_TERM(Severity.WARNING),
  /** An answer uses a term neither school should use (neuroscience, therapy jargon, ...). */
  AVOIDED_TERM(Severity.WARNING);

  private final Severity severity;

  ProblemCode(Severity severity) {
    this.severity = severity;
  }

  /** The severity this code is normally reported with. */
  public Severity severity() {
    return severity;
  }
}
