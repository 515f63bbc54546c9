package dev.vaultoidc.core.internal.http;

import java.io.IOException;

/**
 * The status line and headers arrived but the body could not be read completely. Kept apart from
 * connection failures because the status is known and a cut-off body is a malformed response.
 */
final class BodyReadException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    BodyReadException(int status, IOException cause) {
        super("failed reading response body", cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
