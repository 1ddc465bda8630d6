package dev.reve.finetune.run;

import java.util.Optional;

/**
 * One file of a run as kept in the state file: which data it is and, once uploaded, under what
 * name and id.
 *
 * @param path the file as given
 * @param sha256 the file's SHA-256 (hex), which identifies the data
 * @param bytes the file's size
 * @param uploadName the name the file is uploaded under
 * @param fileId the uploaded file's id
 */
public record RunUpload(
    String path, String sha256, long bytes, Optional<String> uploadName, Optional<String> fileId) {

  /** Normalises absent values. */
  public RunUpload {
    path = path == null ? "" : path;
    sha256 = sha256 == null ? "" : sha256;
    uploadName = AnalystRun.present(uploadName);
    fileId = AnalystRun.present(fileId);
  }

  /** Data not uploaded yet. */
  static RunUpload of(String path, Fingerprint data) {
    return new RunUpload(path, data.sha256(), data.bytes(), Optional.empty(), Optional.empty());
  }

  /** Whether the file was uploaded. */
  public boolean uploaded() {
    return fileId.isPresent();
  }

  /** The data's fingerprint as recorded. */
  Fingerprint fingerprint() {
    return new Fingerprint(sha256, bytes);
  }

  RunUpload uploadedAs(String name, String id) {
    return new RunUpload(path, sha256, bytes, Optional.of(name), Optional.of(id));
  }
}
