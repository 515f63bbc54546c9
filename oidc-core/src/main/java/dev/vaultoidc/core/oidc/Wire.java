package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Conversions between Vault's JSON and the typed records of this package. */
final class Wire {

    private Wire() {}

    /**
     * Checks a key or role name before it goes into a path: Vault would answer 404 "unsupported path" for a
     * non-matching name, and a name like {@code ../sys} must never reach another endpoint.
     */
    static String name(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!Checks.isVaultName(name)) {
            throw new IllegalArgumentException(what + " must match Vault's name pattern \\w(([\\w-.]+)?\\w)?: " + name);
        }
        return name;
    }

    /** A duration as Vault's {@code TypeDurationSecond}: whole, non-negative seconds. */
    static long seconds(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        if (d.getNano() != 0) {
            throw new IllegalArgumentException(field + " must be whole seconds (Vault has no finer unit): " + d);
        }
        return d.getSeconds();
    }

    static Duration duration(JsonNode data, String field) {
        JsonNode n = data.get(field);
        if (n == null || !n.isNumber()) {
            throw malformed("missing or non-numeric " + field);
        }
        return Duration.ofSeconds(n.asLong());
    }

    static String text(JsonNode data, String field) {
        JsonNode n = data.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    /** A list field; Vault's {@code null} for a never-set list becomes an empty list (spec §11.1). */
    static List<String> strings(JsonNode data, String field) {
        JsonNode n = data.get(field);
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return Collections.unmodifiableList(out);
    }

    static VaultException malformed(String detail) {
        return new VaultException(VaultErrorReason.MALFORMED_RESPONSE, 0, List.of(), null, null, null, detail, null);
    }
}
