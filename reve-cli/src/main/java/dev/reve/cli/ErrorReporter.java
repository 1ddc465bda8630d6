package dev.reve.cli;

import dev.reve.analysis.ModelConfigurationException;
import dev.reve.finetune.FineTuningJobFailedException;
import dev.reve.finetune.FineTuningTimeoutException;
import dev.reve.finetune.TrainingFileRejectedException;
import dev.reve.finetune.run.RunStateConflictException;
import dev.reve.finetune.run.TrainingDataInvalidException;
import dev.reve.finetune.validation.InvalidTrainingFileException;
import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.ApiTimeoutException;
import dev.reve.openai.error.AuthenticationException;
import dev.reve.openai.error.OpenAiConfigurationException;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.error.PermissionDeniedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and an exit code: 1 for validation and job
 * failures, 2 for usage errors, 3 for API, authentication and network errors. With {@code
 * --verbose} the stack trace follows the line. Every known secret is masked in what it prints.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final CliEnvironment env;
  private final GlobalOptions global;

  ErrorReporter(CliEnvironment env, GlobalOptions global) {
    this.env = env;
    this.global = global;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    Throwable failure = ex;
    if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    report(failure);
    return exitCode(failure);
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("reve: " + oneLine(mask(ex.getMessage())));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.USAGE;
  }

  /** Prints the failure's line (and its stack trace with {@code --verbose}). */
  void report(Throwable failure) {
    report("", failure);
  }

  /** Prints the failure's line after {@code prefix} (and the stack trace with --verbose). */
  void report(String prefix, Throwable failure) {
    PrintWriter err = env.err();
    err.println("reve: " + prefix + oneLine(mask(describe(failure))));
    if (global.verbose()) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      err.print(mask(trace.toString()));
    }
    err.flush();
  }

  /** The exit code for a failure. */
  static int exitCode(Throwable failure) {
    if (failure instanceof CliException cli) {
      return cli.exitCode();
    }
    if (failure instanceof TrainingDataInvalidException
        || failure instanceof TrainingFileRejectedException
        || failure instanceof FineTuningJobFailedException
        || failure instanceof FineTuningTimeoutException
        || failure instanceof RunStateConflictException
        || failure instanceof InvalidTrainingFileException) {
      return ExitCode.FAILURE;
    }
    if (failure instanceof OpenAiConfigurationException
        || failure instanceof ModelConfigurationException) {
      return ExitCode.USAGE; // a setting to fix here, not a failure of the server
    }
    if (failure instanceof OpenAiException) {
      return ExitCode.API;
    }
    if (failure instanceof IllegalArgumentException || failure instanceof UncheckedIOException) {
      return ExitCode.USAGE;
    }
    return ExitCode.FAILURE;
  }

  /** The failure as one line of advice, unmasked. */
  String describe(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (failure instanceof CliException) {
      return message;
    }
    if (failure instanceof AuthenticationException) {
      return message
          + ". Check the key in OPENAI_API_KEY (or --api-key-file): it may be mistyped, revoked,"
          + " or belong to another organisation or project.";
    }
    if (failure instanceof PermissionDeniedException) {
      return message + ". The key, project or organisation lacks access to this resource.";
    }
    if (failure instanceof ApiException) {
      return message;
    }
    if (failure instanceof ApiTimeoutException) {
      return message + ". The server did not answer in time; allow longer with --timeout 5m.";
    }
    if (failure instanceof ApiConnectionException) {
      return message + ". Check the base URL (--base-url or OPENAI_BASE_URL) and the network.";
    }
    if (failure instanceof OpenAiException || failure instanceof IllegalArgumentException) {
      return message;
    }
    if (failure instanceof UncheckedIOException io && io.getCause() != null) {
      return io.getCause().getMessage();
    }
    return failure.getClass().getSimpleName()
        + (message.isEmpty() ? "" : ": " + message)
        + (global.verbose() ? "" : " (run with --verbose for details)");
  }

  private String mask(String text) {
    return new Redactor(env, global).mask(text);
  }

  /** Joins the lines of {@code text} into one. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
