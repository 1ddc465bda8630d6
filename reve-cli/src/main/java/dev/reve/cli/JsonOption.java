package dev.reve.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print one JSON document on standard output instead of text. */
final class JsonOption {
  @Option(names = "--json", description = "Print one JSON document.")
  boolean requested;

  /** Whether {@code --json} was given. */
  boolean requested() {
    return requested;
  }
}
