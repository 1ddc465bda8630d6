package dev.reve.conformance.prism;

import dev.reve.conformance.prism.PrismServer.Api;
import dev.reve.openai.error.ApiException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a test class against one Prism per API description, shared by the whole test run, started
 * on first use and stopped when the run ends. {@code @ExtendWith(PrismExtension.class)} serves
 * OpenAI's description; {@code @RegisterExtension static final PrismExtension PRISM =
 * PrismExtension.of(Api.TOGETHER)} Together AI's. Skips the class with one clear line when the
 * {@code shared} folder is not beside the repository. A test that ends in a refused request fails
 * with Prism's validation messages, and so does a test after which a refusal is left recorded.
 */
public final class PrismExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver,
        TestExecutionExceptionHandler {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PrismExtension.class);
  private static final Set<Api> SKIP_PRINTED = ConcurrentHashMap.newKeySet();

  private final Api api;

  /** Serves OpenAI's description (the form {@code @ExtendWith} takes). */
  public PrismExtension() {
    this(Api.OPENAI);
  }

  private PrismExtension(Api api) {
    this.api = api;
  }

  /** An extension serving {@code api}'s description, for {@code @RegisterExtension}. */
  public static PrismExtension of(Api api) {
    return new PrismExtension(java.util.Objects.requireNonNull(api, "api"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server(context).clearRejections();
  }

  /**
   * A refusal can hide behind a caught exception (the SDK treats a 404 as "gone", for example):
   * any rejection still recorded when the test ends fails it. A test that provokes one on purpose
   * clears it after checking it.
   */
  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      return;
    }
    String rejections = server(context).describeRejections();
    if (!rejections.isEmpty()) {
      throw new AssertionFailedError(rejections);
    }
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
    if (thrown instanceof ApiException refused && refused.statusCode() == 422) {
      throw new AssertionFailedError(
          "Prism answered 422 (request not allowed by "
              + api.displayName()
              + "'s API description): "
              + refused.getMessage(),
          thrown);
    }
    throw thrown;
  }

  private PrismServer server(ExtensionContext context) {
    Startup startup =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(api, key -> Startup.run(api), Startup.class);
    return startup.server();
  }

  /** The outcome of starting Prism once per run: a server, a reason to skip, or a failure. */
  private static final class Startup implements AutoCloseable {
    private final Api api;
    private final PrismServer server;
    private final String skipReason;
    private final RuntimeException failure;

    private Startup(Api api, PrismServer server, String skipReason, RuntimeException failure) {
      this.api = api;
      this.server = server;
      this.skipReason = skipReason;
      this.failure = failure;
    }

    static Startup run(Api api) {
      Optional<Path> shared = SharedFolder.locate(api);
      if (shared.isEmpty()) {
        return new Startup(
            api,
            null,
            "Prism conformance tests skipped: no "
                + api.displayName()
                + " API description at "
                + SharedFolder.expected()
                + " (the shared/ folder beside the repository in CI; set "
                + SharedFolder.ENV
                + " to use another).",
            null);
      }
      try {
        return new Startup(api, PrismServer.start(shared.get(), api), null, null);
      } catch (RuntimeException e) {
        return new Startup(api, null, null, e);
      }
    }

    PrismServer server() {
      if (skipReason != null) {
        if (SKIP_PRINTED.add(api)) {
          System.out.println(skipReason);
        }
        Assumptions.abort(skipReason);
      }
      if (failure != null) {
        throw new IllegalStateException(
            "Prism could not be started on " + api.displayName() + "'s description: " + failure.getMessage(),
            failure);
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
