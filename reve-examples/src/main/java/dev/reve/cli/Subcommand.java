package dev.reve.cli;

import dev.reve.openai.OpenAiClient;
import java.io.PrintWriter;
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

  /** Standard output. */
  protected PrintWriter out() {
    return env.out();
  }

  /** Standard error. */
  protected PrintWriter err() {
    return env.err();
  }
}
