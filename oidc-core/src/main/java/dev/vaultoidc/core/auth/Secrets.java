package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Credential helpers; nothing here ever puts a credential into a message. */
final class Secrets {

    private Secrets() {}

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static Supplier<String> fixed(String value) {
        return () -> value;
    }

    static Supplier<String> fromFile(Path file) {
        return () -> readFile(file);
    }

    /** Reads a credential file, trimmed: files written by tools usually end with a newline. */
    static String readFile(Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw unreadable(file, "file is empty", null);
            }
            return value;
        } catch (IOException e) {
            throw unreadable(file, e.getClass().getSimpleName(), e);
        }
    }

    private static VaultException unreadable(Path file, String why, Throwable cause) {
        return new VaultException(
                VaultErrorReason.AUTHENTICATION_FAILED,
                0,
                List.of(),
                null,
                null,
                null,
                "cannot read credential file " + file + ": " + why,
                cause);
    }
}
