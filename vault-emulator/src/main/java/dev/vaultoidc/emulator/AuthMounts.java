package dev.vaultoidc.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The auth mount table ({@code sys/auth}): entity and group aliases must name an existing mount
 * accessor (spec §3), and logins go through a mount. {@code token/} exists from the start.
 */
final class AuthMounts {

    /** Auth method types the emulator accepts for {@code sys/auth}; only approle logs in. */
    static final Set<String> KNOWN_TYPES = Set.of(
            "approle",
            "userpass",
            "ldap",
            "jwt",
            "oidc",
            "kubernetes",
            "github",
            "cert",
            "aws",
            "gcp",
            "azure",
            "okta",
            "radius",
            "kerberos",
            "cf",
            "oci",
            "alicloud",
            "saml",
            "scep",
            "spiffe");

    record Mount(String path, String type, String accessor, String description, boolean local, String uuid) {

        /** {@code mount_path} as identity responses show it, e.g. {@code auth/userpass/}. */
        String mountPath() {
            return "auth/" + path;
        }
    }

    private final Map<String, Mount> byPath = new LinkedHashMap<>();

    AuthMounts() {
        enable("token", "token", "token based credentials", false);
    }

    /** Normalises {@code approle}, {@code /approle/} to {@code approle/}. */
    static String normalise(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p + "/";
    }

    Mount enable(String path, String type, String description, boolean local) {
        Mount mount = new Mount(
                normalise(path),
                type,
                "auth_" + type + "_" + Ids.hex(4),
                description == null ? "" : description,
                local,
                Ids.uuid());
        byPath.put(mount.path(), mount);
        return mount;
    }

    Optional<Mount> byPath(String path) {
        return Optional.ofNullable(byPath.get(normalise(path)));
    }

    Optional<Mount> byAccessor(String accessor) {
        if (accessor == null) {
            return Optional.empty();
        }
        return byPath.values().stream()
                .filter(m -> m.accessor().equals(accessor))
                .findFirst();
    }

    /** The mount that serves {@code auth/<rest>}: the longest mount path that prefixes it. */
    Optional<Mount> forAuthPath(String rest) {
        Mount best = null;
        for (Mount m : byPath.values()) {
            if ((rest + "/").startsWith(m.path())
                    && (best == null || m.path().length() > best.path().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    Optional<Mount> disable(String path) {
        return Optional.ofNullable(byPath.remove(normalise(path)));
    }

    Map<String, Mount> all() {
        return byPath;
    }
}
