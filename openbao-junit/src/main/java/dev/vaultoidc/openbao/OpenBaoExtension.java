package dev.vaultoidc.openbao;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The extension behind {@link OpenBaoServer}; other extensions call {@link #openBao(ExtensionContext)}
 * to share the class's server and its skip-or-fail policy.
 *
 * <p>Policy when OpenBao cannot be used: by default the tests are skipped (an aborted assumption)
 * and the first such skip in the JVM prints one line naming the install command. When
 * {@value #REQUIRED_ENV}{@code =required} is in the environment, or the JUnit configuration
 * parameter (or system property) {@value #REQUIRED_KEY} is {@code required}, they fail instead.
 * The binary is found by {@link OpenBaoBinary#locate(String)}, overridden by the configuration
 * parameter {@value OpenBaoBinary#BINARY_PROPERTY} or the environment variable
 * {@value OpenBaoBinary#BINARY_ENV}.
 */
public final class OpenBaoExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    /** Environment variable; {@code required} turns a missing or broken {@code bao} into failures. */
    public static final String REQUIRED_ENV = "VAULT_OIDC_TEST_OPENBAO";
    /** JUnit configuration parameter or system property with the same meaning as {@link #REQUIRED_ENV}. */
    public static final String REQUIRED_KEY = "vault-oidc.test.openbao";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(OpenBaoExtension.class);
    private static final String SERVER_KEY = "server";
    /** Set to {@code false} by this module's own tests, whose deliberate skips must not alarm. */
    static final String ANNOUNCE_KEY = "vault-oidc.test.openbao.announce";

    // Per JVM on purpose: probing for bao runs child processes, and the "not installed" line must
    // appear once per build, not once per test class. Keyed by the binary override in force.
    private static final Map<String, Object> BINARIES = new ConcurrentHashMap<>();
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    /** Used by {@link OpenBaoServer}; register it directly with {@code @ExtendWith} if you prefer. */
    public OpenBaoExtension() {}

    /**
     * The test class's OpenBao, started on first use and stopped when the class's tests are done.
     * When OpenBao cannot be used this aborts the calling test (skipped) or, when required, throws
     * an {@link OpenBaoUnavailableException} (failed).
     *
     * @param context any context inside the test class (class, method or invocation)
     * @return the running server's handle
     */
    public static OpenBao openBao(ExtensionContext context) {
        ExtensionContext owner = classContext(context);
        Running running =
                owner.getStore(NAMESPACE).getOrComputeIfAbsent(SERVER_KEY, k -> Running.start(context), Running.class);
        if (running.failure != null) {
            unavailable(context, running.failure);
        }
        return running.handle;
    }

    /**
     * True when {@value #REQUIRED_ENV} or {@value #REQUIRED_KEY} is {@code required}: OpenBao
     * must be there and a missing one fails the tests.
     *
     * @param context any context; its configuration parameters are consulted first
     * @return whether OpenBao is required
     */
    public static boolean required(ExtensionContext context) {
        Optional<String> configured = context.getConfigurationParameter(REQUIRED_KEY);
        String v = configured.orElseGet(() -> System.getenv(REQUIRED_ENV));
        return v != null && v.trim().equalsIgnoreCase("required");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        OpenBao bao = openBao(context);
        for (Field f : fields(context.getRequiredTestClass())) {
            if (Modifier.isStatic(f.getModifiers())) {
                inject(f, null, bao);
            }
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        OpenBao bao = null;
        for (Field f : fields(testInstance.getClass())) {
            if (!Modifier.isStatic(f.getModifiers())) {
                bao = bao != null ? bao : openBao(context);
                inject(f, testInstance, bao);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenBao.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return openBao(context);
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == OpenBao.class) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static void inject(Field f, Object target, OpenBao bao) throws IllegalAccessException {
        if (Modifier.isFinal(f.getModifiers())) {
            throw new ExtensionConfigurationException("@OpenBaoServer cannot inject into final field " + f);
        }
        f.setAccessible(true);
        f.set(target, bao);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext owner = context;
        while (owner.getTestMethod().isPresent()
                && owner.getParent().isPresent()
                && owner.getParent().get().getTestClass().isPresent()) {
            owner = owner.getParent().get();
        }
        return owner;
    }

    static OpenBaoBinary binary(ExtensionContext context) {
        String override = context.getConfigurationParameter(OpenBaoBinary.BINARY_PROPERTY)
                .orElseGet(() -> System.getenv(OpenBaoBinary.BINARY_ENV));
        String key = override == null ? "" : override.trim();
        Object found = BINARIES.computeIfAbsent(key, k -> {
            try {
                return OpenBaoBinary.locate(k);
            } catch (OpenBaoUnavailableException e) {
                return e;
            }
        });
        if (found instanceof OpenBaoUnavailableException e) {
            throw e;
        }
        return (OpenBaoBinary) found;
    }

    private static void unavailable(ExtensionContext context, OpenBaoUnavailableException failure) {
        if (required(context)) {
            throw new OpenBaoUnavailableException(
                    "OpenBao is required here (" + REQUIRED_ENV + "=required) but " + failure.getMessage()
                            + ". Install it with: " + OpenBaoBinary.INSTALL_HINT,
                    failure);
        }
        String line = "OpenBao tests SKIPPED: " + failure.getMessage() + ". Install it with `"
                + OpenBaoBinary.INSTALL_HINT + "` (under pyenv also `pyenv rehash`), or set "
                + OpenBaoBinary.BINARY_ENV + " to the bao binary.";
        boolean announce = context.getConfigurationParameter(ANNOUNCE_KEY)
                .map(Boolean::parseBoolean)
                .orElse(true);
        if (announce && ANNOUNCED.compareAndSet(false, true)) {
            announce(line);
        }
        Assumptions.abort(line);
    }

    /**
     * Writes to the process's own stderr, not {@code System.err}: Surefire (with
     * {@code redirectTestOutputToFile}) swaps {@code System.err} for a report file, but echoes the
     * forked JVM's native stderr to the build log, which is where this line must be seen.
     */
    @SuppressWarnings("resource") // closing it would close the JVM's stderr
    private static void announce(String line) {
        PrintStream raw = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        raw.println("[vault-oidc] " + line);
    }

    /** The class's server or why there is none; closed by JUnit with the class's context. */
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final OpenBaoDevServer server;
        final OpenBao handle;
        final OpenBaoUnavailableException failure;

        private Running(OpenBaoDevServer server, OpenBaoUnavailableException failure) {
            this.server = server;
            this.handle = server == null ? null : new OpenBao(server);
            this.failure = failure;
        }

        static Running start(ExtensionContext context) {
            try {
                OpenBaoDevServer s = OpenBaoDevServer.builder()
                        .binary(binary(context))
                        .build()
                        .start();
                return new Running(s, null);
            } catch (OpenBaoUnavailableException e) {
                return new Running(null, e);
            } catch (RuntimeException e) {
                return new Running(null, new OpenBaoUnavailableException("OpenBao dev server failed: " + e, e));
            }
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
