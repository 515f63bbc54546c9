package dev.vaultoidc.openbao;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs one OpenBao dev server for the annotated test class and injects it as {@link OpenBao}
 * into fields (static or not) and parameters of that type.
 *
 * <pre>{@code
 * @OpenBaoServer
 * class MyTest {
 *   OpenBao bao;
 *   @Test void talksToOpenBao() { ... bao.address() ... bao.rootToken() ... }
 * }
 * }</pre>
 *
 * <p>The server starts before the class's first test and stops after its last, also when tests
 * fail. Its state is shared by the class's tests: use unique names per test.
 *
 * <p>No {@code bao} found: the class's tests are skipped and one line per JVM says how to install
 * it. With {@code VAULT_OIDC_TEST_OPENBAO=required} in the environment (or the JUnit
 * configuration parameter / system property {@value OpenBaoExtension#REQUIRED_KEY}{@code =required}),
 * a missing or broken {@code bao} fails the tests instead. See {@link OpenBaoExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OpenBaoExtension.class)
public @interface OpenBaoServer {}
