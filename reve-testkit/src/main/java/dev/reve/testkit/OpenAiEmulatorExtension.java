package dev.reve.testkit;

import dev.reve.openai.OpenAiClient;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a fresh {@link OpenAiEmulator} before each test and closes it
 * after, on an instance field:
 *
 * <pre>{@code
 * @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
 *
 * @Test void uploads() {
 *   new MyUploader(openai.client()).upload(file);
 *   assertThat(openai.emulator().files().all()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Test and lifecycle methods may also declare an {@link OpenAiEmulator} parameter. Needs
 * junit-jupiter-api on the test classpath (this library declares it optional).
 */
public final class OpenAiEmulatorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final UnaryOperator<OpenAiEmulatorBuilder> settings;
  private OpenAiEmulator emulator;

  /** Emulators with the default settings. */
  public OpenAiEmulatorExtension() {
    this(b -> b);
  }

  /** Emulators with settings adjusted by {@code settings}, e.g. {@code b -> b.advanceJobsEvery(2)}. */
  public OpenAiEmulatorExtension(UnaryOperator<OpenAiEmulatorBuilder> settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Starts the test's emulator. */
  @Override
  public void beforeEach(ExtensionContext context) {
    emulator = settings.apply(OpenAiEmulator.builder()).start();
  }

  /** Closes the test's emulator and its client. */
  @Override
  public void afterEach(ExtensionContext context) {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  /** Whether the parameter is an {@link OpenAiEmulator}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OpenAiEmulator.class;
  }

  /** The test's emulator. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }

  /** The emulator of the running test. */
  public OpenAiEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("No emulator outside a test: register the extension on an instance field"
          + " with @RegisterExtension and use it from test methods");
    }
    return emulator;
  }

  /** The running test's client; see {@link OpenAiEmulator#client()}. */
  public OpenAiClient client() {
    return emulator().client();
  }
}
