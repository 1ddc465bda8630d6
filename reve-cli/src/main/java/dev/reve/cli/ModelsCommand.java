package dev.reve.cli;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.FineTunedModelId;
import dev.reve.openai.models.Model;
import dev.reve.openai.models.ModelCapabilities;
import dev.reve.openai.models.ModelCatalog;
import dev.reve.openai.models.ModelDeleted;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reve models}: list, inspect and delete the models the key can use. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List, inspect and delete models.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Info.class, ModelsCommand.Delete.class})
public final class ModelsCommand extends CommandGroup {
  /** Created by picocli. */
  public ModelsCommand(CliEnvironment env) {
    super(env);
  }

  /** The model's creation day in UTC, or empty when the server sent none. */
  static String createdDay(Model model) {
    return model.created() == 0L
        ? ""
        : LocalDate.ofInstant(Instant.ofEpochSecond(model.created()), ZoneOffset.UTC).toString();
  }

  /** Within this many days a shutdown date is marked as near. */
  static final int NEAR_DAYS = 30;

  /** The shutdown date the server announced, or else the capabilities table's for the family. */
  static Optional<LocalDate> shutdown(Model model) {
    return model.shutdown().or(() -> tableShutdown(model));
  }

  private static Optional<LocalDate> tableShutdown(Model model) {
    return ModelCatalog.builtIn().find(model.id()).flatMap(ModelCapabilities::shutdownDate);
  }

  /** The SHUTDOWN cell: the date, marked PASSED or with the days left when near. */
  static String shutdownCell(Model model, LocalDate today) {
    Optional<LocalDate> day = shutdown(model);
    if (day.isEmpty()) {
      return model.shutdownDate().orElse("");
    }
    long left = ChronoUnit.DAYS.between(today, day.get());
    String mark = left < 0 ? " PASSED" : left <= NEAR_DAYS ? " in " + left + " days" : "";
    return day.get() + (model.shutdown().isEmpty() ? "*" : "") + mark;
  }

  static Map<String, Object> json(Model model, LocalDate today) {
    Map<String, Object> map = json(model);
    Optional<LocalDate> day = shutdown(model);
    map.put("known_shutdown_date", day.map(LocalDate::toString).orElse(null));
    map.put("days_left", day.map(d -> ChronoUnit.DAYS.between(today, d)).orElse(null));
    return map;
  }

  static Map<String, Object> json(Model model) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", model.id());
    map.put("owned_by", model.ownedBy().orElse(null));
    map.put("created", model.created() == 0L ? null : model.created());
    map.put("fine_tuned", model.isFineTuned());
    map.put("shutdown_date", model.shutdownDate().orElse(null));
    return map;
  }

  /** {@code reve models list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List the models the key can use, sorted by id.",
        "SHUTDOWN marks a date that has passed (PASSED) or is within 30 days (in N days); a date"
            + " with * comes from the model-capabilities table."
      })
  public static final class ListModels extends Subcommand {
    @Option(names = "--fine-tuned", description = "Only fine-tuned models (ids starting with ft:).")
    boolean fineTunedOnly;

    @Mixin JsonOption json;

    /** Created by picocli. */
    public ListModels(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      List<Model> models;
      try (OpenAiClient client = client()) {
        models =
            client.models().list().stream()
                .filter(m -> !fineTunedOnly || m.isFineTuned())
                .sorted(Comparator.comparing(Model::id))
                .toList();
      }
      LocalDate today = LocalDate.now(env.clock());
      if (json.requested()) {
        printJson(models.stream().map(m -> ModelsCommand.json(m, today)).toList());
        return ExitCode.OK;
      }
      if (models.isEmpty()) {
        err().println(fineTunedOnly ? "No fine-tuned models." : "No models.");
        err().flush();
        return ExitCode.OK;
      }
      Table table = new Table("ID", "OWNER", "CREATED", "SHUTDOWN");
      boolean fromTable = false;
      for (Model m : models) {
        table.row(m.id(), m.ownedBy().orElse(""), createdDay(m), shutdownCell(m, today));
        fromTable |= m.shutdown().isEmpty() && tableShutdown(m).isPresent();
      }
      table.print(out());
      if (fromTable) {
        out().println("* not announced by the server: the shutdown date of the model's family in the"
            + " model-capabilities table");
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  /** {@code reve models info MODEL}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Show a model's owner, creation date and announced shutdown date.")
  public static final class Info extends Subcommand {
    @Parameters(paramLabel = "MODEL", description = "The model id, for example gpt-4o-mini.")
    String id;

    @Mixin JsonOption json;

    /** Created by picocli. */
    public Info(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      Model model;
      try (OpenAiClient client = client()) {
        model = client.models().retrieve(id);
      }
      if (json.requested()) {
        printJson(ModelsCommand.json(model));
        return ExitCode.OK;
      }
      out().println("Model:      " + model.id());
      out().println("Owner:      " + model.ownedBy().orElse("(not given)"));
      out().println("Created:    " + (model.created() == 0L ? "(not given)" : createdDay(model)));
      out().println("Fine-tuned: " + (model.isFineTuned() ? "yes" : "no"));
      FineTunedModelId.parse(model.id())
          .ifPresent(ft -> out().println("Base model: " + ft.baseModel()));
      out().println("Shutdown:   " + shutdownLine(model));
      out().flush();
      return ExitCode.OK;
    }

    private String shutdownLine(Model model) {
      Optional<LocalDate> day = model.shutdown();
      if (day.isEmpty()) {
        return model.shutdownDate().orElse("none announced");
      }
      LocalDate today = LocalDate.now(env.clock());
      String when = day.get().isAfter(today) ? "" : " (passed: requests will fail)";
      return day.get() + when;
    }
  }

  /** {@code reve models delete MODEL}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Delete a fine-tuned model your organisation owns. This cannot be undone.",
        "Asks for confirmation unless --yes is given."
      })
  public static final class Delete extends Subcommand {
    @Parameters(paramLabel = "MODEL", description = "The fine-tuned model id (ft:...).")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;

    /** Created by picocli. */
    public Delete(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      if (!yes && !confirmed()) {
        err().println("Not deleted.");
        err().flush();
        return ExitCode.FAILURE;
      }
      ModelDeleted result;
      try (OpenAiClient client = client()) {
        result = client.models().delete(id);
      }
      if (!result.deleted()) {
        throw CliException.failure("The server did not delete " + id + ".");
      }
      out().println("Deleted " + (result.id().isEmpty() ? id : result.id()) + ".");
      out().flush();
      return ExitCode.OK;
    }

    private boolean confirmed() {
      err().print("Delete model " + id + "? This cannot be undone. Type 'yes' to confirm: ");
      err().flush();
      String answer;
      String unreadable = "";
      try {
        answer =
            new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        answer = null;
        unreadable = " (" + e.getMessage() + ")";
      }
      err().println();
      if (answer == null) {
        err().println(
            "No answer on standard input" + unreadable + "; pass --yes to delete without asking.");
        return false;
      }
      String a = answer.strip().toLowerCase(Locale.ROOT);
      return a.equals("yes") || a.equals("y");
    }
  }
}
