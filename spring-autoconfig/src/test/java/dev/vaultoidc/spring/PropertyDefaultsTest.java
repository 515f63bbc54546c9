package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;

/**
 * The properties restate the verifier's defaults as literals, because literals are what the configuration
 * processor puts into the IDE metadata; this keeps the two from drifting apart.
 */
class PropertyDefaultsTest {

    @Test
    void propertyDefaultsAreTheVerifiersDefaults() {
        VaultOidcProperties p = new VaultOidcProperties();
        VaultOidcProperties.Jwks jwks = p.getJwks();

        assertThat(p.getClockSkew()).isEqualTo(TokenVerifier.Builder.DEFAULT_CLOCK_SKEW);
        assertThat(p.getMaxTokenSize()).isEqualTo(TokenVerifier.Builder.DEFAULT_MAX_TOKEN_SIZE);
        assertThat(p.getTokenCache().getMaximumSize()).isEqualTo(TokenVerifier.Builder.DEFAULT_TOKEN_CACHE_SIZE);
        assertThat(p.getIntrospection().getCacheTtl()).isEqualTo(TokenVerifier.Builder.DEFAULT_INTROSPECTION_CACHE_TTL);
        assertThat(jwks.getMinTtl()).isEqualTo(TokenVerifier.Builder.DEFAULT_JWKS_MIN_TTL);
        assertThat(jwks.getMaxTtl()).isEqualTo(TokenVerifier.Builder.DEFAULT_JWKS_MAX_TTL);
        assertThat(jwks.getFallbackTtl()).isEqualTo(TokenVerifier.Builder.DEFAULT_JWKS_FALLBACK_TTL);
        assertThat(jwks.getRefreshAhead()).isEqualTo(TokenVerifier.Builder.DEFAULT_REFRESH_AHEAD);
        assertThat(jwks.getMaxStaleness()).isEqualTo(TokenVerifier.Builder.DEFAULT_MAX_STALENESS);
        assertThat(jwks.getRetryInterval()).isEqualTo(TokenVerifier.Builder.DEFAULT_RETRY_INTERVAL);
        assertThat(jwks.getUnknownKidRefreshInterval())
                .isEqualTo(TokenVerifier.Builder.DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL);
        assertThat(jwks.getFetchWait()).isEqualTo(TokenVerifier.Builder.DEFAULT_FETCH_WAIT);
        assertThat(jwks.getHttpTimeout()).isEqualTo(TokenVerifier.Builder.DEFAULT_HTTP_TIMEOUT);
    }
}
