package dev.vaultoidc.core.internal.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A token and what Vault said about its lifetime, as a {@link LoginMethod} obtains it and the
 * {@link VaultTokenSession} keeps it. {@code expiresAt} is null for tokens whose
 * lifetime is unknown or unlimited (static tokens, root tokens).
 */
public record TokenState(String token, Instant issuedAt, Instant expiresAt, boolean renewable) {

    /** Below this remaining lifetime a token is not used: the request might arrive after expiry. */
    public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    /** A token whose lifetime is unknown: used until Vault rejects it. */
    public static TokenState fixed(String token) {
        return new TokenState(token, null, null, false);
    }

    /** A token Vault just issued or renewed for {@code leaseSeconds} (0: no expiry). */
    public static TokenState issued(String token, long leaseSeconds, boolean renewable, Instant now) {
        // lease_duration 0 means no expiry (e.g. a root token).
        return new TokenState(token, now, leaseSeconds > 0 ? now.plusSeconds(leaseSeconds) : null, renewable);
    }

    /** Whether the token may still be sent at {@code now}. */
    public boolean usableAt(Instant now) {
        return expiresAt == null || now.plus(EXPIRY_MARGIN).isBefore(expiresAt);
    }

    /**
     * Whether to refresh now: after two thirds of the lifetime, as Vault's own lifetime watcher does,
     * which leaves a third of the TTL to ride out a Vault outage.
     */
    public boolean refreshDueAt(Instant now) {
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
