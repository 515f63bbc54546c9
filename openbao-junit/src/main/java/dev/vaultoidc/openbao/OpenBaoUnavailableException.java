package dev.vaultoidc.openbao;

/**
 * OpenBao cannot be used here: the {@code bao} binary is missing, does not run, or its dev server
 * did not come up. The message says what was tried; it never contains a token.
 */
public final class OpenBaoUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean missing;

    /**
     * @param message what was tried and why it failed
     * @param missing true when no {@code bao} was found at all, false when one was found but failed
     */
    public OpenBaoUnavailableException(String message, boolean missing) {
        super(message);
        this.missing = missing;
    }

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public OpenBaoUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.missing = false;
    }

    /** True when no {@code bao} binary was found; false when one was found but is broken. */
    public boolean missing() {
        return missing;
    }
}
