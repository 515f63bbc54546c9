package dev.vaultoidc.core.oidc;

/**
 * An OAuth error answer of a provider endpoint ({@code authorize}, {@code token}, {@code userinfo}; spec
 * §9.8–§9.10), e.g. {@code invalid_grant} / {@code authorization grant is invalid or expired}. Vault's statuses:
 * {@code invalid_client} 401 and {@code server_error} 500 at the token endpoint, {@code invalid_token} 401 and
 * {@code access_denied} 403 at userinfo, 400 otherwise. A transport failure has status 0 and error
 * {@code transport_error}.
 */
public final class OidcProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String description;

    /**
     * Creates the exception.
     *
     * @param status      the HTTP status, 0 when no answer arrived
     * @param error       the OAuth {@code error} code
     * @param description the {@code error_description}, never a secret
     * @param cause       the underlying failure, or null
     */
    public OidcProviderException(int status, String error, String description, Throwable cause) {
        super(status + " " + error + (description == null || description.isEmpty() ? "" : ": " + description), cause);
        this.status = status;
        this.error = error;
        this.description = description == null ? "" : description;
    }

    /** The HTTP status; 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** The OAuth error code, e.g. {@code invalid_grant}. */
    public String error() {
        return error;
    }

    /** Vault's {@code error_description}; {@code ""} when absent. */
    public String description() {
        return description;
    }
}
