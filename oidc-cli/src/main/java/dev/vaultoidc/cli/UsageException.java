package dev.vaultoidc.cli;

/** A command line the tool cannot act on (exit code 2). The message never contains the token. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
