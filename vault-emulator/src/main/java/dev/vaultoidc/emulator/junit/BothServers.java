package dev.vaultoidc.emulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test method twice: once against a {@link dev.vaultoidc.emulator.VaultEmulator}
 * (display name {@code [emulator]}) and once against a real OpenBao dev server ({@code [openbao]}).
 * The method takes a {@link TestServer}; so may {@code @BeforeEach} and {@code @AfterEach} methods
 * of a class whose tests all use this annotation.
 *
 * <pre>{@code
 * class EntityIT {
 *   @BothServers
 *   void createsAnEntity(TestServer server) {
 *     VaultClient vault = VaultClient.builder().address(server.address()).token(server.rootToken()).build();
 *     ...
 *     if (server.isEmulator()) { ... emulator-only checks, say why ... }
 *   }
 * }
 * }</pre>
 *
 * <p>Each server is started once per test class, on first use, and stopped after the class (also
 * when tests fail). State is shared by the class's tests on each server: use unique names. An
 * OpenBao server cannot be reset; reset the emulator yourself if you need to.
 *
 * <p>When {@code bao} is missing, the {@code [openbao]} runs are skipped (one line per JVM tells
 * how to install it) and the {@code [emulator]} runs still run; with
 * {@code VAULT_OIDC_TEST_OPENBAO=required} they fail instead. See
 * {@link dev.vaultoidc.openbao.OpenBaoExtension}.
 *
 * <p>This is a {@code @TestTemplate}, not a {@code @ParameterizedTest}: it needs only
 * {@code junit-jupiter-api}, and it lets the OpenBao run be skipped on its own.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(BothServersExtension.class)
public @interface BothServers {}
