package dev.reve.openai.models;

import dev.reve.openai.error.OpenAiConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The model-capabilities table: which families are reasoning models, which parameters they refuse,
 * their limits, shutdown dates, fine-tuning prices and the price of their tokens (sent alone and
 * through the Batch API): the SDK's one table of model prices ({@link #price}). The built-in rows are the documented
 * resource {@code dev/reve/openai/models/model-capabilities.txt}; a file in the same format
 * ({@value #FILE_ENV} or the system property {@value #FILE_PROPERTY}) adds or replaces rows, and
 * so does code:
 *
 * <pre>{@code
 * ModelCatalog catalog = ModelCatalog.builtIn().toBuilder()
 *     .put(ModelCapabilities.reasoningModel("acme-thinker", List.of("low", "high"), false))
 *     .build();
 * }</pre>
 *
 * <p>A row applies to its id, its aliases and any id that starts with one of them followed by
 * {@code -} (dated snapshots), the longest match winning; a fine-tuned id uses its base model's
 * row. A model no row names gets {@link ModelCapabilities#unknown(String)}.
 */
public final class ModelCatalog {
  /** The environment variable naming a capabilities file that overrides the built-in rows. */
  public static final String FILE_ENV = "REVE_MODEL_CAPABILITIES";

  /** The system property naming a capabilities file; wins over {@value #FILE_ENV}. */
  public static final String FILE_PROPERTY = "reve.model.capabilities";

  private static final String RESOURCE = "model-capabilities.txt";
  private static final int COLUMNS_WITHOUT_PRICES = 13;
  private static final int COLUMNS = 17;
  private static final ModelCatalog BUILT_IN = loadBuiltIn();

  private final Map<String, ModelCapabilities> rows;
  private final Map<String, ModelCapabilities> byId;

  private ModelCatalog(Map<String, ModelCapabilities> rows) {
    this.rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    Map<String, ModelCapabilities> ids = new LinkedHashMap<>();
    rows.values().forEach(r -> {
      ids.put(key(r.model()), r);
      r.aliases().forEach(a -> ids.putIfAbsent(key(a), r));
    });
    this.byId = Map.copyOf(ids);
  }

  /** The rows shipped with the SDK. */
  public static ModelCatalog builtIn() {
    return BUILT_IN;
  }

  /**
   * The built-in rows, overridden by the file the system property {@value #FILE_PROPERTY} or the
   * environment variable {@value #FILE_ENV} names, if either is set.
   *
   * @throws OpenAiConfigurationException when the file cannot be read or has a bad line
   */
  public static ModelCatalog fromEnvironment() {
    return fromSettings(System::getProperty, System::getenv);
  }

  /** {@link #fromEnvironment()} over the given lookups, for tests and embedding applications. */
  public static ModelCatalog fromSettings(
      Function<String, String> properties, Function<String, String> environment) {
    String file = properties.apply(FILE_PROPERTY);
    if (file == null || file.isBlank()) {
      file = environment.apply(FILE_ENV);
    }
    if (file == null || file.isBlank()) {
      return BUILT_IN;
    }
    return BUILT_IN.toBuilder().putAll(read(Path.of(file.strip()))).build();
  }

  /**
   * The rows of a capabilities file.
   *
   * @throws OpenAiConfigurationException naming the file and line of a bad row, or when unreadable
   */
  public static ModelCatalog read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    } catch (IOException e) {
      throw new OpenAiConfigurationException(
          "Cannot read the model capabilities file " + file + " (" + e.getMessage() + "); fix or"
              + " unset " + FILE_ENV + " / -D" + FILE_PROPERTY);
    }
  }

  /**
   * Parses the table format (see the built-in resource for the columns).
   *
   * @param origin the name used in error messages, such as the file name
   */
  public static ModelCatalog parse(Reader reader, String origin) {
    Map<String, ModelCapabilities> rows = new LinkedHashMap<>();
    BufferedReader lines = new BufferedReader(reader);
    int number = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        ModelCapabilities row = row(text, origin, number);
        rows.put(key(row.model()), row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelCatalog(rows);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /** A builder holding these rows. */
  public Builder toBuilder() {
    return new Builder(new LinkedHashMap<>(rows));
  }

  /** Every row, in no particular order. */
  public List<ModelCapabilities> entries() {
    return List.copyOf(rows.values());
  }

  /** The row for {@code model} (an id, an alias, a dated snapshot or a fine-tune), if any. */
  public Optional<ModelCapabilities> find(String model) {
    Objects.requireNonNull(model, "model");
    String id = FineTunedModelId.parse(model).map(FineTunedModelId::baseModel).orElse(model);
    String wanted = key(id);
    ModelCapabilities exact = byId.get(wanted);
    if (exact != null) {
      return Optional.of(exact);
    }
    String best = null;
    for (String candidate : byId.keySet()) {
      if (wanted.startsWith(candidate + "-") && (best == null || candidate.length() > best.length())) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best).map(byId::get);
  }

  /**
   * What {@code model}'s tokens cost at {@code tier}: the row's list price; for a fine-tune
   * ({@code ft:BASE:...}) times the row's {@code ft_use}; for {@link PriceTier#BATCH} times the
   * row's {@code batch} factor.
   *
   * @return empty when any of these is unknown: a missing price is unknown, never zero
   */
  public Optional<TokenPrice> price(String model, PriceTier tier) {
    Objects.requireNonNull(tier, "tier");
    Optional<ModelCapabilities> row = find(model);
    if (row.isEmpty() || row.get().price().isEmpty()) {
      return Optional.empty();
    }
    TokenPrice price = row.get().price().get();
    if (FineTunedModelId.parse(model).isPresent()) {
      if (row.get().fineTunedUseMultiplier().isEmpty()) {
        return Optional.empty();
      }
      price = price.times(row.get().fineTunedUseMultiplier().get());
    }
    if (tier == PriceTier.BATCH) {
      if (row.get().batchFactor().isEmpty()) {
        return Optional.empty();
      }
      price = price.times(row.get().batchFactor().get());
    }
    return Optional.of(price);
  }

  /** The row for {@code model}, or {@link ModelCapabilities#unknown(String)}. */
  public ModelCapabilities capabilities(String model) {
    return find(model).orElseGet(() -> ModelCapabilities.unknown(model));
  }

  private static String key(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  private static ModelCatalog loadBuiltIn() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in " + RESOURCE + " is missing from reve-core");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ModelCapabilities row(String text, String origin, int line) {
    String[] cells = text.split("\\|", -1);
    if (cells.length != COLUMNS && cells.length != COLUMNS_WITHOUT_PRICES) {
      throw bad(origin, line, "has " + cells.length + " columns separated by |, expected " + COLUMNS
          + " (model | aliases | kind | refuses | efforts | verbosity | role | context | output |"
          + " shutdown | ft_price | ft_use | ft_example | in_price | cached_price | out_price | batch), or "
          + COLUMNS_WITHOUT_PRICES + " without the last four (prices unknown)");
    }
    String[] c = Arrays.stream(cells).map(String::strip).toArray(String[]::new);
    String kind = c[2];
    if (!kind.equals("chat") && !kind.equals("reasoning")) {
      throw bad(origin, line, "kind must be chat or reasoning, was '" + kind + "'");
    }
    String verbosity = c[5];
    if (!verbosity.equals("yes") && !verbosity.equals("no")) {
      throw bad(origin, line, "verbosity must be yes or no, was '" + verbosity + "'");
    }
    String role = c[6];
    if (!role.equals("system") && !role.equals("developer")) {
      throw bad(origin, line, "role must be system or developer, was '" + role + "'");
    }
    return new ModelCapabilities(
        c[0], list(c[1]), true, kind.equals("reasoning"), new LinkedHashSet<>(list(c[3])),
        list(c[4]), verbosity.equals("yes"), role, integer(c[7], origin, line, "context"),
        integer(c[8], origin, line, "output"), date(c[9], origin, line),
        decimal(c[10], origin, line, "ft_price"), decimal(c[11], origin, line, "ft_use"),
        integer(c[12], origin, line, "ft_example"), price(c, origin, line),
        c.length == COLUMNS ? positive(c[16], origin, line, "batch") : Optional.empty());
  }

  private static Optional<TokenPrice> price(String[] c, String origin, int line) {
    if (c.length < COLUMNS) {
      return Optional.empty();
    }
    Optional<BigDecimal> input = decimal(c[13], origin, line, "in_price");
    Optional<BigDecimal> cached = decimal(c[14], origin, line, "cached_price");
    Optional<BigDecimal> output = decimal(c[15], origin, line, "out_price");
    if (input.isPresent() != output.isPresent()) {
      throw bad(origin, line, "in_price and out_price go together: give both prices per million tokens, or - for both");
    }
    if (cached.isPresent() && input.isEmpty()) {
      throw bad(origin, line, "cached_price needs in_price and out_price too");
    }
    return input.map(in -> new TokenPrice(in, cached, output.get()));
  }

  private static Optional<BigDecimal> positive(String cell, String origin, int line, String column) {
    Optional<BigDecimal> value = decimal(cell, origin, line, column);
    if (value.isPresent() && value.get().signum() == 0) {
      throw bad(origin, line, column + " is a factor of the list price and must be above 0, was " + cell
          + " (write - when the model has no batch price)");
    }
    return value;
  }

  private static List<String> list(String cell) {
    if (cell.isEmpty() || cell.equals("-")) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String part : cell.split(",")) {
      if (!part.isBlank()) {
        values.add(part.strip());
      }
    }
    return values;
  }

  private static Optional<Integer> integer(String cell, String origin, int line, String column) {
    if (cell.equals("-")) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(cell);
      if (value < 1) {
        throw bad(origin, line, column + " must be positive, was " + cell);
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      throw bad(origin, line, column + " must be a whole number of tokens or -, was '" + cell + "'");
    }
  }

  private static Optional<BigDecimal> decimal(String cell, String origin, int line, String column) {
    if (cell.equals("-")) {
      return Optional.empty();
    }
    try {
      BigDecimal value = new BigDecimal(cell);
      if (value.signum() < 0) {
        throw bad(origin, line, column + " must not be negative, was " + cell);
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      throw bad(origin, line, column + " must be a number or -, was '" + cell + "'");
    }
  }

  private static Optional<LocalDate> date(String cell, String origin, int line) {
    if (cell.equals("-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(cell));
    } catch (DateTimeParseException e) {
      throw bad(origin, line, "shutdown must be YYYY-MM-DD or -, was '" + cell + "'");
    }
  }

  private static OpenAiConfigurationException bad(String origin, int line, String problem) {
    return new OpenAiConfigurationException(
        "Model capabilities " + origin + " line " + line + ": " + problem);
  }

  /** Builds a {@link ModelCatalog}. */
  public static final class Builder {
    private final Map<String, ModelCapabilities> rows;

    private Builder(Map<String, ModelCapabilities> rows) {
      this.rows = rows;
    }

    /** Adds a row, or replaces the row with the same model id. */
    public Builder put(ModelCapabilities row) {
      rows.put(key(Objects.requireNonNull(row, "row").model()), row);
      return this;
    }

    /** Adds or replaces every row of {@code other}. */
    public Builder putAll(ModelCatalog other) {
      other.rows.values().forEach(this::put);
      return this;
    }

    /** Removes the row with this model id, if any. */
    public Builder remove(String model) {
      rows.remove(key(model));
      return this;
    }

    /** Builds the catalog. */
    public ModelCatalog build() {
      return new ModelCatalog(rows);
    }
  }
}
