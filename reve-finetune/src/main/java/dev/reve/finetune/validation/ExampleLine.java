package dev.reve.finetune.validation;

import java.util.List;
import java.util.Map;

/**
 * One line of a training file as the rules see it, filled in as they go: the chat-format rule
 * sets the parsed example, its messages and whether their structure is sound.
 */
final class ExampleLine {
  final long number;
  final JsonlLineReader.Line raw;
  Map<?, ?> example;
  List<?> messages;
  boolean wellFormed;

  ExampleLine(JsonlLineReader.Line raw) {
    this.number = raw.number();
    this.raw = raw;
  }

  /** The line's text; null when it is not UTF-8 or too long to read. */
  String text() {
    return raw.text();
  }

  /** Whether the line holds a non-empty {@code messages} array. */
  boolean hasMessages() {
    return messages != null;
  }
}
