package dev.reve.openai.files;

/**
 * The answer to deleting a file.
 *
 * @param id the id of the deleted object
 * @param deleted whether the server deleted it
 */
public record Deleted(String id, Boolean deleted) {
  /** Normalises absent values. */
  public Deleted {
    id = id == null ? "" : id;
    deleted = deleted != null && deleted;
  }
}
