package dev.reve.analysis;

/** A {@link ModelResolver} whose answer is checked to be for the analyst asked about. */
final class CheckedResolver {
  private final ModelResolver resolver;

  CheckedResolver(ModelResolver resolver) {
    this.resolver = resolver;
  }

  ModelResolver unchecked() {
    return resolver;
  }

  ModelChoice resolve(AnalystProfile profile) {
    ModelChoice choice = resolver.resolve(profile);
    if (choice == null || !choice.analystId().equals(profile.id())) {
      throw new ModelConfigurationException(
          "The model resolver "
              + resolver.getClass().getName()
              + " answered "
              + choice
              + " for analyst '"
              + profile.id()
              + "'; it must return a ModelChoice for that analyst");
    }
    return choice;
  }
}
