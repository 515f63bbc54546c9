package dev.vaultoidc.parenttest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSObject;
import java.nio.file.Path;
import kotlin.KotlinVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in an app whose versions come from spring-boot-starter-parent, not from vault-oidc's build: on Boot 3.5
 * Spring Security's nimbus-jose-jwt 9.37 instead of 10.x, Boot's Caffeine 3.2, Jackson 2.21 and (under OkHttp) Kotlin
 * 1.9 stdlib; on Boot 4.1 (spring-starter-parent-boot4-test runs these sources) its own set. Tokens are verified end
 * to end against the emulator with those versions.
 */
@SpringBootTest(classes = OrdersApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterParentAppTest {
    static final EmulatedVault VAULT = EmulatedVault.INSTANCE;

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", VAULT::address);
        registry.add("vault.oidc.audiences", () -> VAULT.clientId);
    }

    @Value("${local.server.port}")
    int port;

    /** The module's surefire names the versions Boot's parent manages (its own properties, where it has them). */
    @Test
    void runsWithBootsVersionsNotTheLibrarysOwn() {
        assertThat(jarOf(JWSObject.class)).isEqualTo(expectedJar("nimbus-jose-jwt"));
        assertThat(jarOf(Caffeine.class)).isEqualTo(expectedJar("caffeine"));
        assertThat(jarOf(ObjectMapper.class)).isEqualTo(expectedJar("jackson-databind"));
        assertThat(jarOf(KotlinVersion.class)).isEqualTo(expectedJar("kotlin-stdlib"));
    }

    @Test
    void verifiesVaultTokensEndToEnd() {
        Http http = new Http(port);
        String alice = VAULT.idToken("alice");
        String bob = VAULT.idToken("bob");

        assertThat(http.get("/me", alice).body()).isEqualTo(VAULT.aliceId);
        assertThat(http.get("/admin", alice).statusCode()).isEqualTo(200);
        assertThat(http.get("/me", bob).body()).isEqualTo(VAULT.bobId);
        assertThat(http.get("/admin", bob).statusCode()).isEqualTo(403);
        assertThat(http.get("/me", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/me", alice.substring(0, alice.length() - 4) + "AAAA")
                        .statusCode())
                .isEqualTo(401);
    }

    private static String jarOf(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath())
                .getFileName()
                .toString();
    }

    private static String expectedJar(String artifact) {
        String version = System.getProperty("expected." + artifact);
        assertThat(version)
                .as("expected." + artifact + ", set by the module's surefire")
                .isNotBlank();
        return artifact + "-" + version + ".jar";
    }
}
