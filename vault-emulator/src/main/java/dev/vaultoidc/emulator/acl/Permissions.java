package dev.vaultoidc.emulator.acl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one path block grants, and, once an {@link Acl} merges blocks for the same path, what all of
 * them grant together. Mutable only while an {@link Acl} is being built; never shared after.
 *
 * <p>{@code allowed}/{@code denied} are null when the block has no such stanza: Vault tells an absent
 * stanza from an empty one when merging.
 */
final class Permissions {
    int bits;
    long minWrappingSeconds;
    long maxWrappingSeconds;
    Map<String, List<Object>> allowed;
    Map<String, List<Object>> denied;
    List<String> required = new ArrayList<>();
    /** Which policies granted each capability, in the order they were merged. */
    final Map<Capability, Set<String>> granting = new EnumMap<>(Capability.class);

    Permissions() {}

    Permissions copy() {
        Permissions p = new Permissions();
        p.bits = bits;
        p.minWrappingSeconds = minWrappingSeconds;
        p.maxWrappingSeconds = maxWrappingSeconds;
        p.allowed = copyOf(allowed);
        p.denied = copyOf(denied);
        p.required = new ArrayList<>(required);
        granting.forEach((c, names) -> p.granting.put(c, new LinkedHashSet<>(names)));
        return p;
    }

    boolean has(Capability c) {
        return (bits & c.bit) != 0;
    }

    void addGranting(String policy, int grantedBits) {
        for (Capability c : Capability.values()) {
            if ((grantedBits & c.bit) != 0) {
                granting.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(policy);
            }
        }
    }

    private static Map<String, List<Object>> copyOf(Map<String, List<Object>> m) {
        if (m == null) {
            return null;
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }
}
