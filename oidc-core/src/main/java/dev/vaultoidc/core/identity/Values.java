package dev.vaultoidc.core.identity;

import dev.vaultoidc.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalisation and path-building shared by the identity records and operations. */
final class Values {

    private Values() {}

    /** Vault sends {@code null} for never-set lists (spec §4.5, §11.1): the caller sees an empty list. */
    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Null metadata (never set) reads as an empty map; iteration order is Vault's. */
    static Map<String, String> map(Map<String, String> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A request copy: null stays null (not sent), anything else is copied so the record is immutable. */
    static List<String> requestList(Collection<String> values) {
        return values == null ? null : List.copyOf(values);
    }

    static Map<String, String> requestMap(Map<String, String> values) {
        return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * An ID as a path segment. Vault only routes IDs matching its generic name pattern, and
     * validating here means an ID such as {@code "x/../../sys"} can never address another path.
     */
    static String id(String id, String what) {
        if (!Checks.isVaultName(id)) {
            throw new IllegalArgumentException(what + " must be a Vault ID (letters, digits, '_', '-', '.'), got "
                    + (id == null ? "null" : "'" + id + "'"));
        }
        return id;
    }

    /**
     * An entity or group name as path segments. Vault matches {@code .+} for names (spec §1.1), so a
     * {@code /} stays a separator; the transport percent-encodes everything else (spaces, {@code %},
     * non-ASCII). Names the transport cannot carry faithfully are refused rather than silently
     * addressing a different name: {@code ?} and {@code #} (rejected by
     * {@code VaultOperations}), {@code .}/{@code ..} segments (which URL normalisation would
     * collapse), a leading {@code /} (which path normalisation drops) and surrounding whitespace (which path normalisation strips). Use the ID instead.
     */
    static String name(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.indexOf('?') >= 0 || name.indexOf('#') >= 0 || !name.strip().equals(name) || name.startsWith("/")) {
            throw new IllegalArgumentException(what + " '" + name
                    + "' cannot be sent as a URL path (contains '?' or '#', starts with '/' or has surrounding"
                    + " whitespace); address it by ID");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " '" + name
                        + "' has a '.' or '..' segment that URL normalisation would collapse; address it by ID");
            }
        }
        return name;
    }
}
