package dev.reve.testkit;

import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;

/**
 * Together AI's upload, {@code POST /files/upload} (multipart {@code purpose}, {@code file_name},
 * {@code file}); the file joins the emulator's files, so Together's {@code GET /files} (the same
 * list OpenAI's route serves) finds it.
 */
final class TogetherFilesRoute implements Route {
  private final EmulatedFiles files;

  TogetherFilesRoute(EmulatedFiles files) {
    this.files = files;
  }

  @Override
  public String prefix() {
    return "files/upload";
  }

  @Override
  public Optional<MockResponse> answer(EmulatedRequest r, List<String> rest) {
    if (!rest.isEmpty() || !r.method().equals("POST")) {
      return Optional.empty();
    }
    if (r.fileBytes() == null) {
      throw Refusal.missing("file");
    }
    String purpose = r.purpose().orElseThrow(() -> Refusal.missing("purpose"));
    if (r.fileBytes().size() == 0) {
      throw Refusal.badRequest("File is empty.", "file");
    }
    StoredFile stored = files.store(r.filename().orElse("file.jsonl"), purpose, r.fileBytes());
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(WireShapes.file(stored));
    json.put("Processed", true);
    json.put("FileType", "jsonl");
    return Route.ok(json);
  }
}
