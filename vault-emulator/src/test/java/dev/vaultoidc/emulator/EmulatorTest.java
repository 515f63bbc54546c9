package dev.vaultoidc.emulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class against one emulator per class whose state is reset before every test: test
 * constructors and methods may ask for the {@link VaultEmulator} and a ready {@link VaultHttp}
 * with its root token. Replaces the reset-and-wire {@code setUp} every such class used to repeat.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({VaultEmulatorExtension.class, VaultHttp.Resolver.class})
@VaultEmulatorConfig(resetBeforeEach = true)
@interface EmulatorTest {}
