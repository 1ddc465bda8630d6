package dev.reve.conformance.prism;

import dev.reve.openai.error.ApiException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a test class against one Prism shared by the whole test run, started on first use and
 * stopped when the run ends. Skips the class with one clear line when the {@code shared} folder is
 * not beside the repository. A test that ends in a 422 fails with Prism's validation messages.
 */
public final class PrismExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestExecutionExceptionHandler {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PrismExtension.class);
  private static final AtomicBoolean SKIP_PRINTED = new AtomicBoolean();

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server(context).clearRejections();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PrismServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    String rejections = server(context).describeRejections();
    if (!rejections.isEmpty()) {
      throw new AssertionFailedError(rejections + "\n(test failed with: " + thrown + ")", thrown);
    }
    if (thrown instanceof ApiException api && api.statusCode() == 422) {
      throw new AssertionFailedError(
          "Prism answered 422 (request not allowed by OpenAI's API description): " + api.getMessage(),
          thrown);
    }
    throw thrown;
  }

  private static PrismServer server(ExtensionContext context) {
    Startup startup =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Startup.class, key -> Startup.run(), Startup.class);
    return startup.server();
  }

  /** The outcome of starting Prism once per run: a server, a reason to skip, or a failure. */
  private static final class Startup implements AutoCloseable {
    private final PrismServer server;
    private final String skipReason;
    private final RuntimeException failure;

    private Startup(PrismServer server, String skipReason, RuntimeException failure) {
      this.server = server;
      this.skipReason = skipReason;
      this.failure = failure;
    }

    static Startup run() {
      Optional<Path> shared = SharedFolder.locate();
      if (shared.isEmpty()) {
        return new Startup(
            null,
            "Prism conformance tests skipped: no OpenAI API description at "
                + SharedFolder.expected()
                + " (the shared/ folder beside the repository in CI; set "
                + SharedFolder.ENV
                + " to use another).",
            null);
      }
      try {
        return new Startup(PrismServer.start(shared.get()), null, null);
      } catch (RuntimeException e) {
        return new Startup(null, null, e);
      }
    }

    PrismServer server() {
      if (skipReason != null) {
        if (SKIP_PRINTED.compareAndSet(false, true)) {
          System.out.println(skipReason);
        }
        Assumptions.abort(skipReason);
      }
      if (failure != null) {
        throw new IllegalStateException("Prism could not be started: " + failure.getMessage(), failure);
      }
      return server;
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
