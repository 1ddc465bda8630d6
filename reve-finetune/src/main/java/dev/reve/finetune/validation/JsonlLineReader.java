package dev.reve.finetune.validation;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a JSONL byte stream one line at a time with a strict UTF-8 decoder, so memory is bounded
 * by the longest line (capped) rather than the file, and every decoding error has a line number.
 */
final class JsonlLineReader implements Closeable {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** One line; {@code text} is null when the line was not valid UTF-8 or too long. */
  record Line(
      long number,
      String text,
      byte[] bytes,
      boolean crlf,
      boolean bom,
      boolean tooLong,
      long byteLength,
      int badByteOffset) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[8 * 1024];
  private long lineNumber;
  private boolean eof;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  JsonlLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    if (eof) {
      return null;
    }
    int len = 0;
    long total = 0;
    boolean sawNewline = false;
    while (true) {
      if (chunkPos == chunkLen) {
        chunkLen = in.read(chunk);
        chunkPos = 0;
        if (chunkLen <= 0) {
          chunkLen = 0;
          eof = true;
          break;
        }
      }
      int start = chunkPos;
      int end = start;
      while (end < chunkLen && chunk[end] != '\n') {
        end++;
      }
      int n = end - start;
      total += n;
      if (len < maxLineBytes) {
        int keep = (int) Math.min(n, (long) maxLineBytes - len);
        ensure(len + keep);
        System.arraycopy(chunk, start, line, len, keep);
        len += keep;
      }
      if (end < chunkLen) {
        chunkPos = end + 1;
        sawNewline = true;
        break;
      }
      chunkPos = chunkLen;
    }
    if (!sawNewline && total == 0) {
      return null; // the file ended with a newline (or is empty)
    }
    lineNumber++;
    boolean tooLong = total > maxLineBytes;
    int from = 0;
    boolean bom = false;
    if (lineNumber == 1 && len >= 3 && Arrays.equals(line, 0, 3, BOM, 0, 3)) {
      bom = true;
      from = 3;
    }
    boolean crlf = !tooLong && len > from && line[len - 1] == '\r';
    int to = crlf ? len - 1 : len;
    byte[] bytes = Arrays.copyOfRange(line, from, to);
    if (line.length > 1024 * 1024) {
      line = new byte[8 * 1024]; // don't keep a huge buffer after one long line
    }
    if (tooLong) {
      return new Line(lineNumber, null, bytes, false, bom, true, total, -1);
    }
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer output = CharBuffer.allocate(bytes.length);
    decoder.reset();
    CoderResult result = decoder.decode(input, output, true);
    if (!result.isError()) {
      result = decoder.flush(output);
    }
    if (result.isError()) {
      return new Line(lineNumber, null, bytes, crlf, bom, false, total, input.position() + (bom ? 3 : 0));
    }
    output.flip();
    return new Line(lineNumber, output.toString(), bytes, crlf, bom, false, total, -1);
  }

  private void ensure(int capacity) {
    if (capacity > line.length) {
      line = Arrays.copyOf(line, Math.max(capacity, line.length * 2));
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
