package dev.vaultoidc.core.issue;

import dev.vaultoidc.core.http.VaultException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * No valid ID token can be handed out: the cached one is missing, expired or inside the safety margin, and
 * Vault did not provide a new one. Carries the last Vault failure ({@link #vaultFailure()}, also the cause)
 * and when the supplier will next ask Vault. Never contains a token.
 */
public final class IdTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final IdTokenFailure reason;
    private final transient Instant nextAttemptAt;

    IdTokenException(IdTokenFailure reason, String message, Throwable cause, Instant nextAttemptAt) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.nextAttemptAt = nextAttemptAt;
    }

    /** Why there is no token. */
    public IdTokenFailure reason() {
        return reason;
    }

    /** The last failure of Vault, if a Vault call failed. */
    public Optional<VaultException> vaultFailure() {
        return getCause() instanceof VaultException v ? Optional.of(v) : Optional.empty();
    }

    /** When the supplier will ask Vault again (callers until then get this failure without a Vault call). */
    public Optional<Instant> nextAttemptAt() {
        return Optional.ofNullable(nextAttemptAt);
    }
}
