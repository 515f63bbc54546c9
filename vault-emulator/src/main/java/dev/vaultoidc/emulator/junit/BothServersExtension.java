package dev.vaultoidc.emulator.junit;

import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.openbao.OpenBao;
import dev.vaultoidc.openbao.OpenBaoExtension;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The extension behind {@link BothServers}: two invocations per method, each with its own
 * {@link TestServer}. The OpenBao server, its skip-or-fail policy and its lifetime come from
 * {@link OpenBaoExtension}; the emulator lives in the test class's store the same way.
 */
public final class BothServersExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BothServersExtension.class);

    /** Used by {@link BothServers}. */
    public BothServersExtension() {}

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> m.isAnnotationPresent(BothServers.class)
                        || Stream.of(m.getAnnotations())
                                .anyMatch(a -> a.annotationType().isAnnotationPresent(BothServers.class)))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(new Invocation(TestServer.Kind.EMULATOR), new Invocation(TestServer.Kind.OPENBAO));
    }

    /** The class's server of {@code kind}; aborts or fails the test when OpenBao cannot be used. */
    static TestServer server(TestServer.Kind kind, ExtensionContext context) {
        ExtensionContext owner = context;
        while (owner.getTestMethod().isPresent()
                && owner.getParent().isPresent()
                && owner.getParent().get().getTestClass().isPresent()) {
            owner = owner.getParent().get();
        }
        if (kind == TestServer.Kind.OPENBAO) {
            // OpenBaoExtension owns the process (and skips or fails); the handle is kept so every
            // test of the class sees the same TestServer object.
            OpenBao bao = OpenBaoExtension.openBao(context);
            return owner.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            "openbao", k -> TestServer.openBao(bao.address(), bao.rootToken()), TestServer.class);
        }
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        "emulator",
                        k -> new RunningEmulator(VaultEmulator.builder().build().start()),
                        RunningEmulator.class)
                .server;
    }

    private static final class Invocation implements TestTemplateInvocationContext {
        private final TestServer.Kind kind;

        Invocation(TestServer.Kind kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.name().toLowerCase(java.util.Locale.ROOT) + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Resolver(kind));
        }
    }

    /**
     * Starts the server before the test's own {@code @BeforeEach} methods: a skip thrown from
     * parameter resolution would be reported as an error, from a callback it is a skip.
     */
    private static final class Resolver implements BeforeEachCallback, ParameterResolver {
        private final TestServer.Kind kind;

        Resolver(TestServer.Kind kind) {
            this.kind = kind;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            server(kind, context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return server(kind, context);
        }
    }

    /** Closes the emulator when JUnit discards the class context (both close styles, as elsewhere). */
    @SuppressWarnings("deprecation")
    private static final class RunningEmulator implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final VaultEmulator emulator;
        final TestServer server;

        RunningEmulator(VaultEmulator emulator) {
            this.emulator = emulator;
            this.server = TestServer.of(emulator);
        }

        @Override
        public void close() {
            emulator.close();
        }
    }
}
