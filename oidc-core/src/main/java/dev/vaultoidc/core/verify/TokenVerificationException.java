package dev.vaultoidc.core.verify;

import java.util.Objects;

/**
 * A token was rejected. {@link #reason()} says why; the message is for humans and never contains the token
 * or a claim value copied from an unverified token.
 */
public final class TokenVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final VerificationFailure reason;

    public TokenVerificationException(VerificationFailure reason, String message) {
        this(reason, message, null);
    }

    public TokenVerificationException(VerificationFailure reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The typed reason for the rejection. */
    public VerificationFailure reason() {
        return reason;
    }
}
