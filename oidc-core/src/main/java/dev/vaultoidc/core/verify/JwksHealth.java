package dev.vaultoidc.core.verify;

import java.time.Instant;

/**
 * A point-in-time view of one issuer's key cache, for health checks.
 *
 * @param issuer              the configured issuer
 * @param ready               keys are present and within their TTL plus the staleness tolerance
 * @param keyCount            number of usable keys in the cached JWKS
 * @param lastSuccessfulFetch when the JWKS was last fetched successfully, or {@code null}
 * @param lastAttempt         when a fetch was last attempted, or {@code null}
 * @param lastError           the last fetch error (cleared by a success), or {@code null}
 * @param freshUntil          when the cached keys' TTL ends, or {@code null}
 * @param usableUntil         when cached keys stop being used if Vault stays unreachable, or {@code null}
 */
public record JwksHealth(
        String issuer,
        boolean ready,
        int keyCount,
        Instant lastSuccessfulFetch,
        Instant lastAttempt,
        String lastError,
        Instant freshUntil,
        Instant usableUntil) {}
