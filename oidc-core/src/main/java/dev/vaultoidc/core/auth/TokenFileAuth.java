package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;

/**
 * A token kept in a file by someone else (Vault Agent, a sidecar). Obtaining re-reads the file; the
 * session asks again when the file changes or Vault rejects the token.
 */
final class TokenFileAuth extends VaultAuth {
    private final Path file;

    TokenFileAuth(Path file) {
        this.file = file;
    }

    /** The file's modification time, size and identity: a re-read is due when any of them changes. */
    @Override
    Object sourceVersion() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime().toInstant(), a.size(), a.fileKey());
        } catch (IOException e) {
            return new FileStamp(Instant.EPOCH, -1, null);
        }
    }

    /** What we know of a token file's content without reading it. */
    private record FileStamp(Instant modified, long size, Object key) {}

    @Override
    boolean replacesRejectedToken() {
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
