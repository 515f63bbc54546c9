package dev.vaultoidc.emulator;

import java.util.List;

/**
 * How Vault's Go code renders text the emulator must reproduce byte for byte: {@code %q} quoting
 * and go-multierror's list format. One copy, so every message quotes and wraps the same way.
 */
final class GoText {

    private GoText() {}

    /** Go's {@code %q} for the strings Vault quotes in its messages (ASCII escapes as Go writes them). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** go-multierror's rendering of a single error, as Vault's core wraps plain errors (spec §1.7). */
    static String multiError(String message) {
        return multiError(List.of(message));
    }

    /** go-multierror's {@code ListFormatFunc}. */
    static String multiError(List<String> messages) {
        if (messages.size() == 1) {
            return "1 error occurred:\n\t* " + messages.get(0) + "\n\n";
        }
        return messages.size() + " errors occurred:\n\t* " + String.join("\n\t* ", messages) + "\n\n";
    }
}
