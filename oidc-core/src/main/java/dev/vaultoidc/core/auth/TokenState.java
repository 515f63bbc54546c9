package dev.vaultoidc.core.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A token and what Vault said about its lifetime. {@code expiresAt} is null for tokens whose
 * lifetime is unknown or unlimited (static tokens, root tokens).
 */
record TokenState(String token, Instant issuedAt, Instant expiresAt, boolean renewable) {

    /** Below this remaining lifetime a token is not used: the request might arrive after expiry. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    static TokenState fixed(String token) {
        return new TokenState(token, null, null, false);
    }

    static TokenState issued(String token, long leaseSeconds, boolean renewable, Instant now) {
        // lease_duration 0 means no expiry (e.g. a root token).
        return new TokenState(token, now, leaseSeconds > 0 ? now.plusSeconds(leaseSeconds) : null, renewable);
    }

    boolean usableAt(Instant now) {
        return expiresAt == null || now.plus(EXPIRY_MARGIN).isBefore(expiresAt);
    }

    /**
     * Whether to refresh now: after two thirds of the lifetime, as Vault's own lifetime watcher does,
     * which leaves a third of the TTL to ride out a Vault outage.
     */
    boolean refreshDueAt(Instant now) {
        if (expiresAt == null || issuedAt == null) {
            return false;
        }
        Duration ttl = Duration.between(issuedAt, expiresAt);
        return !now.isBefore(expiresAt.minus(ttl.dividedBy(3)));
    }

    @Override
    public String toString() {
        return "TokenState[token=***, expiresAt=" + expiresAt + ", renewable=" + renewable + "]";
    }
}
