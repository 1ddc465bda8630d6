package dev.reve.openai.models;

/**
 * The answer to deleting a model.
 *
 * @param id the deleted model's id
 * @param deleted whether the server deleted it
 */
public record ModelDeleted(String id, Boolean deleted) {
  /** Normalises absent values. */
  public ModelDeleted {
    id = id == null ? "" : id;
    deleted = deleted != null && deleted;
  }
}
