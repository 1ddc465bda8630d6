package dev.reve.finetune.validation;

import dev.reve.storage.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The same example (ignoring surrounding white space) twice. Keeps 16 bytes of each example's
 * SHA-256, so memory stays small for large files.
 */
final class DuplicateRule implements ValidationRule {
  private final Map<HashKey, Long> seen = new HashMap<>();
  private final MessageDigest sha256 = Sha256.newDigest();

  @Override
  public boolean check(ExampleLine line, ProblemSink sink) {
    Long first = seen.putIfAbsent(hash(line.text().strip()), line.number);
    if (first != null) {
      sink.add(line.number, ProblemCode.DUPLICATE, "the same example as line " + first + "; remove one of them");
    }
    return true;
  }

  private HashKey hash(String text) {
    ByteBuffer digest = ByteBuffer.wrap(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    return new HashKey(digest.getLong(), digest.getLong());
  }

  private record HashKey(long high, long low) {}
}
