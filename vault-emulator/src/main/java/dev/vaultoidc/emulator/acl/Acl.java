package dev.vaultoidc.emulator.acl;

import dev.vaultoidc.emulator.acl.AclResult.Denial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The union of a token's policies, answering what the token may do, with Vault's semantics
 * ({@code vault/acl.go}: {@code NewACL}, {@code AllowOperation}, {@code CheckAllowedFromNonExactPaths}).
 *
 * <ul>
 *   <li>Rules for the same path from several policies merge: capabilities add up, {@code deny} wins
 *       and drops everything else, parameter lists merge (an empty list means "any value" and wins),
 *       the smaller wrapping TTL bounds win.
 *   <li>An exact rule beats any glob; among glob and {@code +} rules the most specific wins: the later
 *       first wildcard, then non-glob over glob, then fewer {@code +} segments, then the longer rule.
 *   <li>Parameter constraints apply to read, create, update and patch.
 *   <li>The {@code root} policy allows everything.
 * </ul>
 *
 * <p>Request parameter values are expected as JSON decodes them (strings, numbers, booleans, lists,
 * maps, null). As in Vault behind its HTTP API, a JSON number never equals a number written in a
 * policy: Vault keeps request numbers as {@code json.Number}, which Go compares unequal to the
 * policy's {@code int}. Observed on OpenBao: {@code allowed_parameters = {"ttl" = [1]}} refuses
 * {@code {"ttl":1}}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Acl {

    /** Where Vault and OpenBao evaluate differently; the emulator follows Vault by default. */
    public enum Flavor {
        /**
         * Vault 1.20: a LIST of {@code a/b/} tries glob and {@code +} rules for {@code a/b} before those
         * for {@code a/b/}, so {@code path "a/*" {list}} wins over {@code path "a/b/*" {deny}}.
         */
        VAULT,
        /** OpenBao 2.7 (GHSA-xp3c-3jw3-4vcr): the rules for {@code a/b/} first. */
        OPENBAO
    }

    private final boolean root;
    private final Flavor flavor;
    private final Map<String, Permissions> exact = new HashMap<>();
    private final Map<String, Permissions> prefixes = new HashMap<>();
    private final Map<String, Permissions> segmentRules = new LinkedHashMap<>();

    private Acl(boolean root, Flavor flavor) {
        this.root = root;
        this.flavor = flavor;
    }

    /** The ACL of these policies for a token without identity (templated paths are left out). */
    public static Acl of(Collection<Policy> policies) {
        return of(policies, null, Flavor.VAULT);
    }

    /** The ACL of these policies, templated paths rendered for this identity. */
    public static Acl of(Collection<Policy> policies, TemplateIdentity identity) {
        return of(policies, identity, Flavor.VAULT);
    }

    /**
     * The ACL of these policies under the given flavour.
     *
     * @param policies the token's policies (null entries, for names with no policy, are skipped)
     * @param identity the token's identity for templated paths, or null
     * @param flavor whose evaluation order to follow
     * @throws IllegalArgumentException "other policies present along with root" when {@code root} is
     *     combined with other policies, as Vault refuses to build such an ACL
     */
    public static Acl of(Collection<Policy> policies, TemplateIdentity identity, Flavor flavor) {
        List<Policy> present = policies.stream().filter(p -> p != null).toList();
        boolean root = present.stream().anyMatch(p -> p.name().equals(Policy.ROOT));
        if (root && present.size() != 1) {
            throw new IllegalArgumentException("other policies present along with root");
        }
        Acl acl = new Acl(root, flavor);
        for (Policy p : present) {
            for (PathRule rule : p.rules()) {
                PathRule r = rule;
                if (p.templated() && rule.key().contains("{{")) {
                    Optional<String> rendered = IdentityTemplate.render(rule.key(), identity);
                    if (rendered.isEmpty()) {
                        continue;
                    }
                    try {
                        r = PathRule.of(rendered.get(), rule.permissions());
                    } catch (PolicyException e) {
                        continue;
                    }
                }
                acl.insert(p.name(), r);
            }
        }
        return acl;
    }

    /** The merged permissions of an exact-path rule, for tests of merging. */
    Permissions exactRule(String path) {
        return exact.get(path);
    }

    /** Whether this is the root policy's ACL. */
    public boolean isRoot() {
        return root;
    }

    private void insert(String policy, PathRule rule) {
        Map<String, Permissions> tree = rule.segmentWildcards() ? segmentRules : rule.prefix() ? prefixes : exact;
        // Segment-wildcard rules keep their trailing '*' in the key, as Vault's map does.
        String key = rule.segmentWildcards() ? rule.key() : rule.path();
        Permissions incoming = rule.permissions();
        Permissions existing = tree.get(key);
        if (existing == null) {
            Permissions copy = incoming.copy();
            copy.addGranting(policy, copy.bits);
            tree.put(key, copy);
            return;
        }
        if (existing.has(Capability.DENY)) {
            return;
        }
        if ((incoming.bits & Capability.DENY.bit) != 0) {
            existing.bits = Capability.DENY.bit;
            existing.allowed = null;
            existing.denied = null;
            return;
        }
        existing.bits |= incoming.bits;
        existing.addGranting(policy, incoming.bits);
        // The tighter wrapping bounds win: the smaller of two set values.
        if (incoming.maxWrappingSeconds > 0
                && (existing.maxWrappingSeconds == 0 || incoming.maxWrappingSeconds < existing.maxWrappingSeconds)) {
            existing.maxWrappingSeconds = incoming.maxWrappingSeconds;
        }
        if (incoming.minWrappingSeconds > 0
                && (existing.minWrappingSeconds == 0 || incoming.minWrappingSeconds < existing.minWrappingSeconds)) {
            existing.minWrappingSeconds = incoming.minWrappingSeconds;
        }
        existing.allowed = mergeParameters(existing.allowed, incoming.allowed);
        existing.denied = mergeParameters(existing.denied, incoming.denied);
        for (String r : incoming.required) {
            if (!existing.required.contains(r)) {
                existing.required.add(r);
            }
        }
    }

    private static Map<String, List<Object>> mergeParameters(
            Map<String, List<Object>> existing, Map<String, List<Object>> incoming) {
        if (incoming == null || incoming.isEmpty()) {
            return existing;
        }
        if (existing == null) {
            Map<String, List<Object>> copy = new LinkedHashMap<>();
            incoming.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
            return copy;
        }
        incoming.forEach((k, v) -> {
            List<Object> old = existing.get(k);
            if (v.isEmpty() || (old != null && old.isEmpty())) {
                // An empty list allows (or denies) every value, so it absorbs any list it meets.
                existing.put(k, new ArrayList<>());
            } else {
                List<Object> merged = new ArrayList<>(v);
                if (old != null) {
                    merged.addAll(old);
                }
                existing.put(k, merged);
            }
        });
        return existing;
    }

    /** {@link #allowed(Operation, String, Map, Duration)} for a request that asks for no wrapping. */
    public AclResult allowed(Operation op, String path, Map<String, ?> params) {
        return allowed(op, path, params, null);
    }

    /**
     * Whether a request passes the ACL.
     *
     * @param op the operation
     * @param path the request path without {@code /v1/}; a LIST path ends in {@code /}, as Vault's
     *     HTTP layer makes it
     * @param params the request's parameters (body, or query for reads), as decoded from JSON
     * @param wrapTtl the TTL asked for with {@code X-Vault-Wrap-TTL}, or null when not wrapping
     */
    public AclResult allowed(Operation op, String path, Map<String, ?> params, Duration wrapTtl) {
        if (root) {
            return new AclResult(true, true, List.of("root"), List.of(Policy.ROOT), null, null);
        }
        if (op == Operation.HELP) {
            return new AclResult(true, false, List.of(), List.of(), null, null);
        }
        Permissions perms = lookup(op, stripLeadingSlashes(path));
        if (perms == null) {
            return denied(null, false, Denial.NO_MATCHING_RULE, null);
        }
        boolean sudo = perms.has(Capability.SUDO);
        if (!perms.has(op.needs)) {
            return denied(
                    perms,
                    sudo,
                    perms.has(Capability.DENY) ? Denial.DENIED_BY_RULE : Denial.CAPABILITY_MISSING,
                    op.needs.wireName());
        }
        long wrapSeconds = wrapTtl == null ? -1 : wrapTtl.toSeconds();
        if (perms.maxWrappingSeconds > 0 && (wrapTtl == null || wrapSeconds > perms.maxWrappingSeconds)) {
            return denied(perms, sudo, Denial.WRAPPING_TTL, "max_wrapping_ttl");
        }
        if (perms.minWrappingSeconds > 0 && (wrapTtl == null || wrapSeconds < perms.minWrappingSeconds)) {
            return denied(perms, sudo, Denial.WRAPPING_TTL, "min_wrapping_ttl");
        }
        // Merging can leave max below min even though each block was checked when written.
        if (perms.minWrappingSeconds != 0
                && perms.maxWrappingSeconds != 0
                && perms.maxWrappingSeconds < perms.minWrappingSeconds) {
            return denied(perms, sudo, Denial.WRAPPING_TTL, "max_wrapping_ttl");
        }
        if (op.checksParameters()) {
            AclResult refused = checkParameters(perms, sudo, params == null ? Map.of() : params);
            if (refused != null) {
                return refused;
            }
        }
        List<String> granting = new ArrayList<>(perms.granting.getOrDefault(op.needs, Set.of()));
        return new AclResult(true, sudo, names(perms.bits), granting, null, null);
    }

    private AclResult checkParameters(Permissions perms, boolean sudo, Map<String, ?> params) {
        for (String required : perms.required) {
            // Vault looks the lower-cased name up verbatim: a request sending "MUST" lacks "must".
            if (!params.containsKey(required.toLowerCase(Locale.ROOT))) {
                return denied(perms, sudo, Denial.REQUIRED_PARAMETER_MISSING, required);
            }
        }
        if (params.isEmpty()) {
            return null;
        }
        if (perms.denied != null && !perms.denied.isEmpty()) {
            if (perms.denied.containsKey("*")) {
                return denied(perms, sudo, Denial.PARAMETER_DENIED, "*");
            }
            for (Map.Entry<String, ?> e : params.entrySet()) {
                List<Object> values = perms.denied.get(e.getKey().toLowerCase(Locale.ROOT));
                if (values != null && ParameterValues.inList(e.getValue(), values)) {
                    return denied(perms, sudo, Denial.PARAMETER_DENIED, e.getKey());
                }
            }
        }
        if (perms.allowed == null || perms.allowed.isEmpty()) {
            return null;
        }
        boolean allowedAll = perms.allowed.containsKey("*");
        if (perms.allowed.size() == 1 && allowedAll) {
            return null;
        }
        for (Map.Entry<String, ?> e : params.entrySet()) {
            List<Object> values = perms.allowed.get(e.getKey().toLowerCase(Locale.ROOT));
            if (values == null) {
                if (!allowedAll) {
                    return denied(perms, sudo, Denial.PARAMETER_NOT_ALLOWED, e.getKey());
                }
                continue;
            }
            if (!ParameterValues.inList(e.getValue(), values)) {
                return denied(perms, sudo, Denial.PARAMETER_NOT_ALLOWED, e.getKey());
            }
        }
        return null;
    }

    private static AclResult denied(Permissions perms, boolean sudo, Denial why, String detail) {
        List<String> caps = perms == null ? List.of("deny") : names(perms.bits);
        return new AclResult(false, sudo, caps, List.of(), why, detail);
    }

    /**
     * What the token may do on a path, as {@code sys/capabilities}, {@code sys/capabilities-self} and
     * {@code sys/capabilities-accessor} report it: sorted names; {@code ["root"]} for root;
     * {@code ["deny"]} when nothing applies.
     */
    public List<String> capabilities(String path) {
        if (root) {
            return List.of("root");
        }
        // Vault looks capabilities up as a LIST, so that "a/" also finds the rule for "a".
        Permissions perms = lookup(Operation.LIST, stripLeadingSlashes(path));
        return names(perms == null ? 0 : perms.bits);
    }

    private static List<String> names(int bits) {
        if ((bits & Capability.DENY.bit) != 0 || bits == 0) {
            return List.of("deny");
        }
        List<String> out = new ArrayList<>();
        for (Capability c : Capability.values()) {
            if ((bits & c.bit) != 0) {
                out.add(c.wireName());
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static String stripLeadingSlashes(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }

    /** The permissions of the winning rule, or null when no rule matches. */
    private Permissions lookup(Operation op, String path) {
        Permissions p = exact.get(path);
        if (p != null) {
            return p;
        }
        boolean list = op == Operation.LIST;
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (list) {
            p = exact.get(trimmed);
            if (p != null) {
                return p;
            }
        }
        boolean tryTrimmed = list && path.endsWith("/");
        if (flavor == Flavor.VAULT && tryTrimmed) {
            p = nonExact(trimmed);
            if (p != null) {
                return p;
            }
        }
        p = nonExact(path);
        if (p != null) {
            return p;
        }
        if (flavor == Flavor.OPENBAO && tryTrimmed) {
            return nonExact(trimmed);
        }
        return null;
    }

    /** A candidate glob or {@code +} rule and what ranks it. */
    private record Candidate(int firstWildcard, boolean prefix, int wildcards, String path, Permissions perms) {}

    /** Vault's priority among matching non-exact rules: the greatest candidate wins. */
    private static final Comparator<Candidate> PRIORITY = Comparator.comparingInt(Candidate::firstWildcard)
            .thenComparing(c -> !c.prefix())
            .thenComparing(c -> -c.wildcards())
            .thenComparingInt(c -> c.path().length())
            .thenComparing(Candidate::path);

    private Permissions nonExact(String path) {
        List<Candidate> candidates = new ArrayList<>();
        String longest = null;
        for (String prefix : prefixes.keySet()) {
            if (path.startsWith(prefix) && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        if (longest != null) {
            if (segmentRules.isEmpty()) {
                return prefixes.get(longest);
            }
            candidates.add(new Candidate(longest.length(), true, 0, longest, prefixes.get(longest)));
        }
        if (segmentRules.isEmpty()) {
            return null;
        }
        String[] parts = path.split("/", -1);
        for (Map.Entry<String, Permissions> e : segmentRules.entrySet()) {
            String full = e.getKey();
            if (full.isEmpty()) {
                continue;
            }
            int firstWildcard = full.indexOf('+');
            boolean prefix = full.endsWith("*");
            String rule = prefix ? full.substring(0, full.length() - 1) : full;
            String[] ruleParts = rule.split("/", -1);
            if (parts.length < ruleParts.length || (!prefix && parts.length != ruleParts.length)) {
                continue;
            }
            int wildcards = 0;
            boolean match = true;
            for (int i = 0; i < ruleParts.length && match; i++) {
                String rp = ruleParts[i];
                if (rp.equals("+")) {
                    wildcards++;
                } else if (!rp.equals(parts[i]) && !(prefix && i == ruleParts.length - 1 && parts[i].startsWith(rp))) {
                    match = false;
                }
            }
            if (match) {
                candidates.add(new Candidate(firstWildcard, prefix, wildcards, rule, e.getValue()));
            }
        }
        return candidates.stream().max(PRIORITY).map(Candidate::perms).orElse(null);
    }
}
