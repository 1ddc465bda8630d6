package dev.reve.finetune.validation;

/**
 * The bytes of each line: UTF-8 without a byte order mark, LF line endings, a length the
 * validator reads, and no blank lines.
 */
final class EncodingRule implements ValidationRule {
  private long crlfLines;
  private long firstCrlf;

  @Override
  public boolean check(ExampleLine line, ProblemSink sink) {
    JsonlLineReader.Line raw = line.raw;
    long n = line.number;
    if (raw.bom()) {
      sink.add(n, ProblemCode.BOM,
          "the file starts with a UTF-8 byte order mark (EF BB BF); save it as UTF-8 without a BOM");
    }
    if (raw.crlf() && crlfLines++ == 0) {
      firstCrlf = n;
    }
    if (raw.tooLong()) {
      sink.add(n, ProblemCode.LINE_TOO_LONG,
          "the line has " + raw.byteLength() + " bytes, more than the " + TrainingDataValidator.MAX_LINE_BYTES
              + " this validator reads; no chat example is that long: check that each example is on its own line");
      return false;
    }
    if (raw.text() == null) {
      sink.add(n, ProblemCode.INVALID_UTF8,
          "the line is not valid UTF-8 (bad byte at byte " + (raw.badByteOffset() + 1)
              + " of the line); re-save the file as UTF-8");
      return false;
    }
    if (raw.text().isBlank()) {
      sink.add(n, ProblemCode.BLANK_LINE, "blank line; remove it (every line must be one example)");
      return false;
    }
    return true;
  }

  @Override
  public void finish(ProblemSink sink) {
    if (crlfLines > 0) {
      sink.add(firstCrlf, ProblemCode.CRLF,
          crlfLines + (crlfLines == 1 ? " line ends" : " lines end") + " with CR LF (first: line " + firstCrlf
              + "); save the file with LF line endings");
    }
  }
}
