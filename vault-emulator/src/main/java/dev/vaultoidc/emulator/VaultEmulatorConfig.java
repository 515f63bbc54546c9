package dev.vaultoidc.emulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the emulator that {@link VaultEmulatorExtension} starts for the annotated test class
 * (also found as a meta-annotation, so a project can bundle it with {@code @ExtendWith}).
 *
 * <pre>{@code
 * @ExtendWith(VaultEmulatorExtension.class)
 * @VaultEmulatorConfig(flavour = Flavour.OPENBAO, resetBeforeEach = true)
 * class MyTest {
 *   MyTest(VaultEmulator vault) { ... }   // a fresh emulator state before every test
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface VaultEmulatorConfig {

    /** Which server the emulator answers like; overrides the extension's builder. */
    Flavour flavour() default Flavour.VAULT;

    /**
     * Whether the extension calls {@link VaultEmulator#reset()} before each test (before the
     * class's own {@code @BeforeEach} methods), so every test starts from an empty Vault.
     */
    boolean resetBeforeEach() default false;

    /**
     * Whether the emulator enforces ACL policies (default {@code true}, as a real server does);
     * overrides the extension's builder. See {@link VaultEmulator.Builder#aclEnforcement(boolean)}.
     */
    boolean aclEnforcement() default true;
}
