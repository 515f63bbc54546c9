package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.verify.TokenIntrospector;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code TokenVerifier.Builder.vaultProvider}: the issuer it derives, and the refused introspection. */
class ProviderVerifierBuilderTest {

    @Test
    void derivesTheProviderIssuerLikeTheIdentityIssuer() {
        try (TokenVerifier root = TokenVerifier.builder()
                        .vaultProvider("https://vault:8200/", "corp")
                        .audiences("c")
                        .scheduler(null)
                        .build();
                TokenVerifier ns = TokenVerifier.builder()
                        .vaultProvider("https://vault:8200", "corp")
                        .namespace("/team-a/")
                        .audiences("c")
                        .scheduler(null)
                        .build()) {
            assertThat(root.issuers()).containsExactly("https://vault:8200/v1/identity/oidc/provider/corp");
            assertThat(ns.issuers()).containsExactly("https://vault:8200/v1/team-a/identity/oidc/provider/corp");
        }
    }

    @Test
    void refusesOnlineIntrospectionWithAProviderIssuerAndSaysWhy() {
        TokenVerifier.Builder b = TokenVerifier.builder()
                .vaultProvider("https://vault:8200", "corp")
                .audiences("c")
                .introspector((token, clientId) -> TokenIntrospector.Result.ofActive(), Duration.ZERO);
        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("identity/oidc/introspect only knows identity-token issuers")
                .hasMessageContaining("https://vault:8200/v1/identity/oidc/provider/corp");
        // The same trap through a hand-written provider issuer.
        TokenVerifier.Builder manual = TokenVerifier.builder()
                .issuer("https://vault:8200/v1/identity/oidc/provider/corp")
                .audiences("c")
                .introspector((token, clientId) -> TokenIntrospector.Result.ofActive(), Duration.ZERO);
        assertThatThrownBy(manual::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesABadProviderName() {
        assertThatThrownBy(() -> TokenVerifier.builder().vaultProvider("https://vault:8200", "../sys"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
