package dev.reve.finetune;

import dev.reve.openai.files.FileService;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.PermissionDeniedException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns the API's refusals into the typed fine-tuning exceptions. */
final class Refusals {
  /** What the call was doing, which decides how a 400 is read. */
  enum Context {
    UPLOAD,
    CREATE_JOB,
    OTHER
  }

  private static final Pattern NOT_AVAILABLE =
      Pattern.compile(
          "fine[- ]?tun\\w*.{0,80}?(not (available|allowed|enabled|supported|permitted)|no longer"
              + " (available|accept|support)|disabled|unavailable|not have access|does not have"
              + " access)|(not (available|allowed|enabled|permitted)|no access|do not have access|does"
              + " not have access).{0,80}?fine[- ]?tun",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BASE_MODEL =
      Pattern.compile(
          "model\\s+\\S+\\s+(is not available for fine[- ]?tuning|does not exist|is not supported)"
              + "|not (available|supported) for fine[- ]?tuning",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SCOPE =
      Pattern.compile("scope|insufficient permissions|api\\.fine_tuning|restricted key", Pattern.CASE_INSENSITIVE);

  private Refusals() {}

  /** An upload's refusal as a typed fine-tuning exception (see {@code FileService.withUploadRefusals}). */
  static RuntimeException forUpload(String fileName, RuntimeException refusal) {
    if (refusal instanceof dev.reve.openai.files.FileRejectedException rejected) {
      TrainingFileRejectedException typed = new TrainingFileRejectedException(fileName, rejected.getMessage());
      typed.initCause(rejected);
      return typed;
    }
    if (refusal instanceof ApiException api) {
      return translate(api, Context.UPLOAD, fileName);
    }
    return refusal;
  }

  /** The typed exception for {@code e}, or {@code e} itself when no typed one fits. */
  static RuntimeException translate(ApiException e, Context context, String fileName) {
    String message = e.apiMessage().orElse("");
    int status = e.statusCode();
    if (e instanceof PermissionDeniedException || status == 403) {
      if (SCOPE.matcher(message).find()) {
        return new FineTuningUnavailableException(FineTuningUnavailableException.Reason.KEY_PERMISSION, e);
      }
      return new FineTuningUnavailableException(FineTuningUnavailableException.Reason.ACCOUNT, e);
    }
    if (status == 400 || status == 404 || status == 422) {
      if (context == Context.CREATE_JOB && BASE_MODEL.matcher(message).find()
          && e.param().map(p -> p.equals("model")).orElse(true)) {
        return new FineTuningUnavailableException(FineTuningUnavailableException.Reason.BASE_MODEL, e);
      }
      if (NOT_AVAILABLE.matcher(message).find()) {
        return new FineTuningUnavailableException(FineTuningUnavailableException.Reason.ACCOUNT, e);
      }
      if (context == Context.UPLOAD && status != 404) {
        return new TrainingFileRejectedException(fileName, e);
      }
      if (context == Context.CREATE_JOB && isAboutFile(e)) {
        return new TrainingFileRejectedException(e.param().orElse(fileName), e);
      }
    }
    if (context == Context.UPLOAD && (status == 413 || status == 415)) {
      return new TrainingFileRejectedException(fileName, e);
    }
    return e;
  }

  /** Runs {@code work}, translating an API refusal of a call that is not an upload or creation. */
  static <T> T translated(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (ApiException e) {
      throw translate(e, Context.OTHER, null);
    }
  }

  private static boolean isAboutFile(ApiException e) {
    if (e.param().filter(p -> p.endsWith("_file")).isPresent()) {
      return true;
    }
    String code = e.code().orElse("").toLowerCase(Locale.ROOT);
    return code.contains("file");
  }
}
