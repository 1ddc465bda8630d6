package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningApi;
import dev.reve.openai.files.FileChangedException;
import dev.reve.openai.files.UploadedFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks and uploads an analyst's training file and, when the job is still to be made, its
 * validation file. An upload the state file does not record yet is found on the server by its
 * name (which carries the data's hash) and size before anything is sent.
 */
final class DatasetUpload {
  private final FineTuningApi files;
  private final RunChecks checks;
  private final SendOnce sendOnce;
  private final RunListener listener;

  DatasetUpload(FineTuningApi files, RunChecks checks, SendOnce sendOnce, RunListener listener) {
    this.files = files;
    this.checks = checks;
    this.sendOnce = sendOnce;
    this.listener = listener;
  }

  /** The training file, checked and uploaded unless the entry shows it uploaded. */
  AnalystRun training(RunJournal journal, AnalystRun entry, Path file) {
    if (entry.training().uploaded()) {
      return entry;
    }
    entry = check(journal, entry, file, entry.training().fingerprint());
    RunUpload training = entry.training();
    String name = training.fingerprint().uploadName(file);
    String id = findOrUpload(entry.analyst(), file, name, training.fingerprint());
    return journal.put(entry.withTraining(training.uploadedAs(name, id)).withError(null));
  }

  /**
   * The validation file wanted for a job still to be made: an earlier upload of other data (or
   * of a file no longer given) is dropped, and the wanted file checked and uploaded.
   */
  AnalystRun validation(RunJournal journal, AnalystRun entry, Optional<Path> wantedFile) {
    String analyst = entry.analyst();
    Optional<Fingerprint> wanted = wantedFile.map(Fingerprint::of);
    if (entry.validation().isPresent()
        && !wanted.map(Fingerprint::sha256).equals(entry.validation().map(RunUpload::sha256))) {
      listener.onStep(analyst, wanted.isPresent()
          ? "validation file changed since the last run; it will be uploaded again"
          : "no validation file this time; the earlier one is not used");
      entry = journal.put(entry.withValidation(Optional.empty()));
    }
    if (wanted.isEmpty() || entry.validation().isPresent()) {
      return entry;
    }
    Path file = wantedFile.get();
    Fingerprint data = wanted.get();
    entry = check(journal, entry, file, data);
    String name = data.uploadName(file);
    String id = findOrUpload(analyst, file, name, data);
    RunUpload upload = RunUpload.of(file.toString(), data).uploadedAs(name, id);
    return journal.put(entry.withValidation(Optional.of(upload)).withError(null));
  }

  /**
   * Checks {@code file}, whose data hashed {@code data} before the check; hashing it again after
   * the check proves the checked bytes are the hashed ones (the upload then sends only those).
   */
  private AnalystRun check(RunJournal journal, AnalystRun entry, Path file, Fingerprint data) {
    TrainingFileCheck.Result result = checks.forAnalyst(entry.analyst()).check(file);
    AnalystRun checked = entry.withCheck(result.summary());
    if (!result.ok()) {
      journal.put(checked.withError("check failed for " + file.getFileName()));
      result.requireOk(file);
    }
    journal.put(checked);
    listener.onStep(entry.analyst(), "checked " + file.getFileName() + ": " + Lines.first(result.summary()));
    Fingerprint after = Fingerprint.of(file);
    if (!after.sha256().equals(data.sha256())) {
      journal.put(entry.withError(file.getFileName() + " changed while it was checked"));
      throw new FileChangedException(file, data.sha256(), after.sha256(), "nothing was uploaded");
    }
    return checked;
  }

  private String findOrUpload(String analyst, Path file, String name, Fingerprint data) {
    long bytes = data.bytes();
    Optional<UploadedFile> existing = files.findUploaded(name, bytes);
    if (existing.isPresent()) {
      listener.onStep(analyst, "found " + name + " already uploaded as " + existing.get().id());
      return existing.get().id();
    }
    listener.onStep(analyst, "uploading " + file.getFileName() + " as " + name + " (" + bytes + " bytes)");
    UploadedFile uploaded =
        sendOnce.send(
            analyst,
            "upload",
            () -> files.findUploaded(name, bytes),
            once -> files.upload(file, name, data.sha256(), listener.uploadProgress(analyst), once));
    listener.onStep(analyst, "uploaded " + name + " as " + uploaded.id());
    return uploaded.id();
  }
}
