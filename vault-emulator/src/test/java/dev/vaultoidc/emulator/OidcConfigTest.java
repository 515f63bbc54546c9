package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcTestFixtures.API;
import static dev.vaultoidc.emulator.OidcTestFixtures.body;
import static dev.vaultoidc.emulator.OidcTestFixtures.data;
import static dev.vaultoidc.emulator.OidcTestFixtures.get;
import static dev.vaultoidc.emulator.OidcTestFixtures.json;
import static dev.vaultoidc.emulator.OidcTestFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.OidcTestFixtures.FakeIdentity;
import dev.vaultoidc.emulator.OidcTestFixtures.Oidc;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** identity/oidc/config and the effective issuer, spec §7.2. */
class OidcConfigTest {

    static final String WARNING = "If \"issuer\" is set explicitly, all tokens must be validated against that "
            + "address, including those issued by secondary clusters. Setting issuer to \"\" will restore the "
            + "default behavior of using the cluster's api_addr as the issuer.";

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    String apiAddr = API;
    final Oidc engine = new Oidc(clock, new FakeIdentity(), () -> apiAddr);

    String discoveredIssuer() {
        return (String) ((Map<?, ?>) engine.handle(get("identity/oidc/.well-known/openid-configuration"))
                        .data())
                .get("issuer");
    }

    @Test
    void defaultIssuerIsTheApiAddressAndReadsBackEmpty() {
        EmulatorResponse resp = engine.handle(get("identity/oidc/config"));
        assertThat(resp.status()).isEqualTo(200);
        assertThat(data(resp)).containsExactly(Map.entry("issuer", ""));
        assertThat(resp.warnings()).isEmpty();
        assertThat(discoveredIssuer()).isEqualTo("http://127.0.0.1:8200/v1/identity/oidc");
    }

    @Test
    void validIssuerIsStoredWithAWarningAndEmptyRestoresTheDefault() {
        EmulatorResponse resp =
                engine.handle(post("identity/oidc/config", body("issuer", "https://vault.example.com:8200")));
        assertThat(resp.kind()).isEqualTo(EmulatorResponse.Kind.ENVELOPE);
        assertThat(resp.data()).isNull();
        assertThat(resp.warnings()).containsExactly(WARNING);
        assertThat(data(engine.handle(get("identity/oidc/config"))))
                .containsEntry("issuer", "https://vault.example.com:8200");
        assertThat(discoveredIssuer()).isEqualTo("https://vault.example.com:8200/v1/identity/oidc");
        assertThat(json(engine.handle(get("identity/oidc/.well-known/openid-configuration"))
                        .data()))
                .contains("\"jwks_uri\":\"https://vault.example.com:8200/v1/identity/oidc/.well-known/keys\"");

        assertThat(engine.handle(post("identity/oidc/config", body("issuer", "")))
                        .status())
                .isEqualTo(204);
        assertThat(discoveredIssuer()).isEqualTo("http://127.0.0.1:8200/v1/identity/oidc");
    }

    @Test
    void absentIssuerChangesNothing() {
        engine.handle(post("identity/oidc/config", body("issuer", "http://a.example")));
        assertThat(engine.handle(post("identity/oidc/config", body())).status()).isEqualTo(204);
        assertThat(data(engine.handle(get("identity/oidc/config")))).containsEntry("issuer", "http://a.example");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/",
                "https://example.com/v1",
                "https://example.com?x=1",
                "ftp://example.com",
                "example.com",
                "https://",
                "https://user@example.com",
                "https://example.com:port"
            })
    void issuerWithMoreThanSchemeHostAndPortIsRejected(String issuer) {
        EmulatorResponse resp = engine.handle(post("identity/oidc/config", body("issuer", issuer)));
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.errors())
                .containsExactly("invalid issuer, which must include only a scheme, host, and "
                        + "optional port (e.g. https://example.com:8200)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "https://vault:8200", "http://10.0.0.1:80", "http://[::1]:8200"})
    void schemeHostAndPortAreAccepted(String issuer) {
        assertThat(engine.handle(post("identity/oidc/config", body("issuer", issuer)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void emptyIssuerAndApiAddressGiveAWarningOnRead() {
        apiAddr = "";
        EmulatorResponse resp = engine.handle(get("identity/oidc/config"));
        assertThat(resp.warnings())
                .containsExactly("Both \"issuer\" and Vault's \"api_addr\" are empty. "
                        + "The issuer claim in generated tokens will not be network reachable.");
        assertThat(discoveredIssuer()).isEqualTo("/v1/identity/oidc");
    }

    @Test
    void unknownParametersAreWarnedAboutWhenTheResponseHasABody() {
        EmulatorResponse resp =
                engine.handle(post("identity/oidc/config", body("issuer", "http://a.example", "b", 1, "a", 2)));
        assertThat(resp.warnings()).containsExactly(WARNING, "Endpoint ignored these unrecognized parameters: [a b]");
        assertThat(engine.handle(post("identity/oidc/config", body("x", 1))).warnings())
                .isEmpty();
        assertThat(engine.handle(OidcTestFixtures.delete("identity/oidc/config"))
                        .status())
                .isEqualTo(405);
    }
}
