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

    /**
     * Whether the token may still be sent at {@code now}: until {@link #margin()} before it expires. With a
     * TTL shorter than twice the 5 s margin, the margin is half the TTL, so a short-lived token is used for
     * its first half and re-login happens at most once per half TTL (a fixed 5 s margin made a 4 s token
     * unusable from the start: a login for every request, burning secret_id uses).
     */
    public boolean usableAt(Instant now) {
        return expiresAt == null || now.plus(margin()).isBefore(expiresAt);
    }

    /** {@link #EXPIRY_MARGIN}, or half the TTL when the TTL is shorter than twice that margin. */
    public Duration margin() {
        if (expiresAt == null || issuedAt == null) {
            return EXPIRY_MARGIN;
        }
        Duration ttl = Duration.between(issuedAt, expiresAt);
        return ttl.compareTo(EXPIRY_MARGIN.multipliedBy(2)) < 0 ? ttl.dividedBy(2) : EXPIRY_MARGIN;
    }

    /** Whether the TTL is too short for the normal expiry margin (see {@link #margin()}). */
    public boolean shortLived() {
        return expiresAt != null
                && issuedAt != null
                && Duration.between(issuedAt, expiresAt).compareTo(EXPIRY_MARGIN.multipliedBy(2)) < 0;
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
