package dev.reve.cli;

/** A command that only groups subcommands: run on its own, it shows its usage. */
abstract class CommandGroup extends Subcommand {
  CommandGroup(CliEnvironment env) {
    super(env);
  }

  /** Prints the usage on standard error: a subcommand is missing. */
  @Override
  public final Integer call() {
    spec.commandLine().usage(err());
    return ExitCode.USAGE;
  }
}
