package dev.vaultoidc.core.auth;

/** Validates auth mount paths. */
final class Mounts {
    private Mounts() {}

    static String check(String mount) {
        if (mount == null || mount.isBlank()) {
            throw new IllegalArgumentException("mount must not be blank");
        }
        String m = mount.strip();
        while (m.startsWith("/")) {
            m = m.substring(1);
        }
        while (m.endsWith("/")) {
            m = m.substring(0, m.length() - 1);
        }
        if (m.startsWith("auth/")) {
            m = m.substring("auth/".length()); // tolerate "auth/approle" as people copy it from the CLI
        }
        if (m.isEmpty() || m.contains("..") || m.contains("?")) {
            throw new IllegalArgumentException("invalid mount: " + mount);
        }
        return m;
    }
}
