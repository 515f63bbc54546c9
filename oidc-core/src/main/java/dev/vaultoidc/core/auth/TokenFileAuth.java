package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultOperations;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A token kept in a file by someone else (Vault Agent, a sidecar). Obtaining re-reads the file; the
 * session asks again when the file changes or Vault rejects the token.
 */
final class TokenFileAuth extends VaultAuth {
    private final Path file;

    TokenFileAuth(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    @Override
    boolean canReauthenticate() {
        return true;
    }

    @Override
    TokenState obtain(VaultOperations unauthenticated, Clock clock) {
        return TokenState.fixed(Secrets.readFile(file));
    }

    @Override
    public String toString() {
        return "VaultAuth.tokenFile(" + file + ")";
    }
}
