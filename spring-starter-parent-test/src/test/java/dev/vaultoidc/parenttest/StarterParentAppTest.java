package dev.vaultoidc.parenttest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSObject;
import kotlin.KotlinVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in an app whose versions come from spring-boot-starter-parent, not from vault-oidc's build: Spring
 * Security's nimbus-jose-jwt 9.x instead of 10.x, Boot's Caffeine, Jackson and (under OkHttp) Kotlin 1.9 stdlib.
 * Tokens are verified end to end against the emulator with those versions.
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

    @Test
    void runsWithBootsVersionsNotTheLibrarysOwn() {
        assertThat(jarOf(JWSObject.class)).as("Spring Security's nimbus").contains("nimbus-jose-jwt-9.");
        assertThat(jarOf(Caffeine.class)).as("Boot's Caffeine").contains("caffeine-3.2.");
        assertThat(jarOf(ObjectMapper.class)).as("Boot's Jackson").contains("jackson-databind-2.21.");
        assertThat(KotlinVersion.CURRENT.getMajor())
                .as("Boot's Kotlin stdlib under OkHttp")
                .isEqualTo(1);
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
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }
}
