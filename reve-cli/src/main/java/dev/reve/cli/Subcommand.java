package dev.reve.cli;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.ApiException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every leaf command shares: the environment, the global options and a client. */
abstract class Subcommand implements Callable<Integer> {
  protected final CliEnvironment env;

  @Spec CommandSpec spec;

  Subcommand(CliEnvironment env) {
    this.env = env;
  }

  /** Options given before or after the subcommand's name. */
  protected GlobalOptions global() {
    return ((ReveCommand) spec.root().userObject()).global();
  }

  /** A new client from the environment and global options; the caller closes it. */
  protected OpenAiClient client() {
    return global().client(env);
  }

  /** Marks an answer as emulated when the command runs on the embedded emulator. */
  protected void markIfEmulated() {
    if (global().emulated()) {
      out().println(EmbeddedEmulator.note());
    }
  }

  /** Reports failures the way the command line does. */
  protected ErrorReporter reporter() {
    return new ErrorReporter(env, global());
  }

  /** Masks known keys. */
  protected Redactor redactor() {
    return new Redactor(env, global());
  }

  /** A failure as a JSON object: type, message, and for API errors status, code, request id. */
  protected Map<String, Object> errorJson(Throwable failure) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", failure.getClass().getSimpleName());
    map.put("message", redactor().mask(ErrorReporter.oneLine(String.valueOf(failure.getMessage()))));
    if (failure instanceof ApiException api) {
      map.put("status", api.statusCode());
      map.put("code", api.code().orElse(null));
      map.put("request_id", api.requestId().orElse(null));
    }
    return map;
  }

  /** Prints {@code document} as indented JSON on standard output. */
  protected void printJson(Object document) {
    out().println(JsonOutput.write(document));
    out().flush();
  }

  /** Standard output. */
  protected PrintWriter out() {
    return env.out();
  }

  /** Standard error. */
  protected PrintWriter err() {
    return env.err();
  }
}
