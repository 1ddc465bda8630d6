package dev.reve.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import mockwebserver3.MockResponse;
import okio.Buffer;

/** Uploading, listing, retrieving, downloading and deleting files under {@code /files}. */
final class FilesRoute implements Route {
  private static final Set<String> PURPOSES =
      Set.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");
  private static final int PAGE_LIMIT = 10_000;

  private final EmulatedFiles files;
  private final Pages pages;

  FilesRoute(EmulatedFiles files, Pages pages) {
    this.files = files;
    this.pages = pages;
  }

  @Override
  public String prefix() {
    return "files";
  }

  @Override
  public Optional<MockResponse> answer(EmulatedRequest r, List<String> rest) {
    String method = r.method();
    if (rest.isEmpty()) {
      return switch (method) {
        case "POST" -> Route.ok(WireShapes.file(upload(r)));
        case "GET" -> Route.ok(list(r));
        default -> Optional.empty();
      };
    }
    String id = rest.get(0);
    if (rest.size() == 1 && method.equals("GET")) {
      return Route.ok(WireShapes.file(file(id)));
    }
    if (rest.size() == 1 && method.equals("DELETE")) {
      file(id);
      files.delete(id);
      return Route.ok(WireShapes.deleted(id, "file"));
    }
    if (rest.size() == 2 && rest.get(1).equals("content") && method.equals("GET")) {
      return Optional.of(new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "application/octet-stream")
          .body(new Buffer().write(file(id).contentBytes()))
          .build());
    }
    return Optional.empty();
  }

  private StoredFile upload(EmulatedRequest r) {
    if (r.fileBytes() == null) {
      throw Refusal.missing("file");
    }
    String purpose = r.purpose().orElseThrow(() -> Refusal.missing("purpose"));
    if (!PURPOSES.contains(purpose)) {
      throw Refusal.badRequest("'" + purpose + "' is not one of " + new TreeSet<>(PURPOSES) + " - 'purpose'",
          "purpose");
    }
    String filename = r.filename().orElse("file");
    if (r.fileBytes().size() == 0) {
      throw Refusal.badRequest("File is empty.", "file");
    }
    if (purpose.equals("fine-tune") && !filename.endsWith(".jsonl")) {
      throw Refusal.badRequest("Invalid file format for Fine-Tuning API. Must be .jsonl", "file");
    }
    return files.store(filename, purpose, r.fileBytes());
  }

  private StoredFile file(String id) {
    return files.find(id).orElseThrow(() -> new Refusal(404, "No such File object: " + id, "id", null));
  }

  private Map<String, Object> list(EmulatedRequest r) {
    String order = r.query("order").orElse("desc");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw Refusal.badRequest("Invalid order '" + order + "': use 'asc' or 'desc'.", "order");
    }
    List<Map<String, Object>> all = new ArrayList<>();
    for (StoredFile f : files.all()) {
      if (r.query("purpose").map(p -> p.equals(f.purpose())).orElse(true)) {
        all.add(WireShapes.file(f));
      }
    }
    if (order.equals("desc")) {
      Collections.reverse(all);
    }
    return pages.page(all, r, PAGE_LIMIT, PAGE_LIMIT);
  }
}
