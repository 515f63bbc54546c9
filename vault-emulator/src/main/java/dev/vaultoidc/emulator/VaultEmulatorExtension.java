package dev.vaultoidc.emulator;

import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs a {@link VaultEmulator} on a free port for each test class and
 * injects it into test constructors, lifecycle methods and test methods.
 *
 * <pre>{@code
 * @ExtendWith(VaultEmulatorExtension.class)
 * class MyTest {
 *   @Test void works(VaultEmulator vault) { ... vault.address() ... vault.rootToken() ... }
 * }
 *
 * class MyOtherTest {
 *   @RegisterExtension
 *   static final VaultEmulatorExtension VAULT =
 *       new VaultEmulatorExtension(VaultEmulator.builder().rootToken("s3cr3t"));
 *   @Test void works() { VAULT.emulator().address(); }
 * }
 * }</pre>
 *
 * <p>State is fresh per test class (each class gets its own emulator, closed after the class).
 * For per-test isolation annotate the class with
 * {@link VaultEmulatorConfig @VaultEmulatorConfig(resetBeforeEach = true)} (or call
 * {@link VaultEmulator#reset()} in {@code @BeforeEach}); the same annotation picks the
 * {@link Flavour}. Registered as a non-static field, the emulator lives for one test instance.
 */
public final class VaultEmulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(VaultEmulatorExtension.class);

    private final VaultEmulator.Builder builder;
    private volatile VaultEmulator current;

    /** Default emulator: free port, root token {@code root}, system-following clock. */
    public VaultEmulatorExtension() {
        this(VaultEmulator.builder());
    }

    /** An emulator built from {@code builder} (give it no fixed port if classes run in parallel). */
    public VaultEmulatorExtension(VaultEmulator.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** The emulator of the running test class; for {@code @RegisterExtension} fields. */
    public VaultEmulator emulator() {
        VaultEmulator e = current;
        if (e == null) {
            throw new IllegalStateException("the Vault emulator starts with the test class");
        }
        return e;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulatorFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (config(context).map(VaultEmulatorConfig::resetBeforeEach).orElse(false)) {
            emulatorFor(context).reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // The store closes the emulator (CloseableResource) when the class context ends.
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == VaultEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return emulatorFor(context);
    }

    private VaultEmulator emulatorFor(ExtensionContext context) {
        ExtensionContext owner = classContext(context);
        Optional<VaultEmulatorConfig> config = config(owner);
        Running running = owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        this,
                        key -> new Running(config.map(
                                        c -> builder.copy().flavour(c.flavour()).aclEnforcement(c.aclEnforcement()))
                                .orElse(builder)
                                .build()
                                .start()),
                        Running.class);
        owner.getStore(NAMESPACE).put(VaultEmulator.class, running.emulator);
        current = running.emulator;
        return running.emulator;
    }

    /**
     * The emulator an extension of this type started for the class of {@code context}, for
     * resolvers of helpers built on it (this package's tests); the last one when there are several.
     */
    static Optional<VaultEmulator> started(ExtensionContext context) {
        ExtensionContext owner = classContext(context);
        return Optional.ofNullable(owner.getStore(NAMESPACE).get(VaultEmulator.class, VaultEmulator.class));
    }

    /** The test class's context: the emulator lives there, whichever context asks. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext owner = context;
        while (owner.getTestMethod().isPresent()
                && owner.getParent().isPresent()
                && owner.getParent().get().getTestClass().isPresent()) {
            owner = owner.getParent().get();
        }
        return owner;
    }

    private static Optional<VaultEmulatorConfig> config(ExtensionContext context) {
        return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, VaultEmulatorConfig.class));
    }

    /**
     * Closes the emulator when JUnit discards the class context. JUnit 5.13+ closes AutoCloseable
     * store values; older versions (e.g. the 5.12 that Spring Boot 3.5 manages) only close a
     * CloseableResource, so it is both. Closing twice is harmless.
     */
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final VaultEmulator emulator;

        Running(VaultEmulator emulator) {
            this.emulator = emulator;
        }

        @Override
        public void close() {
            emulator.close();
        }
    }
}
