package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import dev.vaultoidc.emulator.acl.Policy;
import dev.vaultoidc.emulator.acl.PolicyException;
import dev.vaultoidc.emulator.acl.PolicyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ACL policy paths: the legacy {@code sys/policy} and {@code sys/policies/acl}, with the
 * bodies OpenBao 2.7.2 answers (seen with curl; {@code docs/emulator-acl.md}).
 *
 * <ul>
 *   <li>{@code sys/policy} reads and lists also copy {@code data} to the top level of the body, as
 *       Vault still does for pre-0.6 clients; {@code sys/policies/acl} does not.
 *   <li>{@code sys/policy/:name} takes {@code policy} or the deprecated {@code rules} (with a
 *       warning and a 200); {@code sys/policies/acl/:name} takes {@code policy} only.
 *   <li>The OpenBao flavour adds {@code version}, {@code cas_required}, {@code modified} and the
 *       {@code allow_*_in_identity_templates} flags to reads, and repeats the {@code path "x": }
 *       prefix of errors from a path block.
 * </ul>
 */
final class PolicyPaths {

    private static final Pattern PATH_PREFIX = Pattern.compile("^failed to parse policy: (path \"[^\"]*\": )");

    private final PolicyStore store;
    private final Clock clock;
    private final Flavour flavour;
    /** OpenBao's per-policy version and modification time; Vault OSS reports neither. */
    private final Map<String, Integer> versions = new HashMap<>();

    private final Map<String, Instant> modified = new HashMap<>();

    PolicyPaths(PolicyStore store, Clock clock, Flavour flavour) {
        this.store = store;
        this.clock = clock;
        this.flavour = flavour;
        versions.put(Policy.DEFAULT, 1);
        modified.put(Policy.DEFAULT, clock.instant());
    }

    void register(Router r) {
        r.add("sys/policy", (String[]) null).on("GET", req -> list(true)).on("LIST", req -> list(true));
        r.add("sys/policy/*name", "name", "policy", "rules")
                .on("GET", req -> read(name(req), true))
                .on("POST", req -> write(name(req), req.body(), true))
                .on("DELETE", req -> delete(name(req)));
        r.add("sys/policies/acl", (String[]) null).on("LIST", req -> list(false));
        r.add("sys/policies/acl/*name", "name", "policy")
                .on("GET", req -> read(name(req), false))
                .on("POST", req -> write(name(req), req.body(), false))
                .on("DELETE", req -> delete(name(req)));
    }

    private static String name(EmulatorRequest req) {
        return req.body().get("name").toString();
    }

    private EmulatorResponse list(boolean legacy) {
        List<String> names = store.list();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keys", names);
        if (legacy) {
            data.put("policies", names);
            return EmulatorResponse.legacySys(data, flavour);
        }
        return EmulatorResponse.data(data);
    }

    private EmulatorResponse read(String rawName, boolean legacy) {
        String n = PolicyStore.normalize(rawName);
        // response-wrapping and control-group are internal: Vault reads them as absent.
        if (n.equals("response-wrapping") || n.equals("control-group")) {
            return EmulatorResponse.notFound();
        }
        return store.get(n)
                .map(p -> {
                    // Go marshals map keys sorted; the data map is built in that order.
                    Map<String, Object> data = new TreeMap<>();
                    data.put("name", p.name());
                    data.put(legacy ? "rules" : "policy", p.text());
                    if (flavour == Flavour.OPENBAO) {
                        data.put("allow_slashes_in_identity_templates", false);
                        data.put("allow_wildcards_in_identity_templates", false);
                        data.put("cas_required", false);
                        data.put("version", versions.getOrDefault(n, 0));
                        Instant m = modified.get(n);
                        if (m != null) {
                            data.put("modified", Json.timestamp(m));
                        }
                    }
                    return legacy ? EmulatorResponse.legacySys(data, flavour) : EmulatorResponse.data(data);
                })
                .orElseGet(EmulatorResponse::notFound);
    }

    private EmulatorResponse write(String rawName, Map<String, Object> body, boolean legacy) {
        String text = Fields.string(body, "policy").orElse("");
        boolean fromRules = false;
        if (legacy && text.isEmpty()) {
            text = Fields.string(body, "rules").orElse("");
            fromRules = !text.isEmpty();
        }
        if (text.isEmpty()) {
            return badRequest("'policy' parameter not supplied or empty");
        }
        String n = PolicyStore.normalize(rawName);
        try {
            // Vault parses before it looks at the name: PUT root with bad text reports the parse error.
            Policy.parse(n, text);
            store.put(n, text);
        } catch (PolicyException e) {
            return badRequest(errorText(e.getMessage()));
        }
        versions.merge(n, 1, Integer::sum);
        modified.put(n, clock.instant());
        if (fromRules) {
            return EmulatorResponse.data(null, List.of("'rules' is deprecated, please use 'policy' instead"));
        }
        return EmulatorResponse.noContent();
    }

    /** OpenBao wraps errors from a path block in one more {@code path "x": }. */
    private String errorText(String vaultText) {
        if (flavour != Flavour.OPENBAO) {
            return vaultText;
        }
        Matcher m = PATH_PREFIX.matcher(vaultText);
        return m.find() ? m.replaceFirst("failed to parse policy: $1$1") : vaultText;
    }

    private EmulatorResponse delete(String rawName) {
        String n = PolicyStore.normalize(rawName);
        try {
            store.delete(n);
        } catch (PolicyException e) {
            return badRequest(e.getMessage());
        }
        versions.remove(n);
        modified.remove(n);
        return EmulatorResponse.noContent();
    }
}
