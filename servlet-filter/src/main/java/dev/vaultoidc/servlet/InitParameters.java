package dev.vaultoidc.servlet;

import dev.vaultoidc.core.internal.DurationText;
import dev.vaultoidc.core.verify.TokenVerifier;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link VaultOidcFilter}'s configuration from {@code web.xml} / {@link FilterConfig} init-parameters.
 * Every error names the parameter; unknown names are errors too, so a typo cannot silently drop a setting.
 */
final class InitParameters {
    static final String ISSUER = "issuer";
    static final String VAULT_ADDRESS = "vault-address";
    static final String NAMESPACE = "namespace";
    static final String AUDIENCES = "audiences";
    static final String ALGORITHMS = "algorithms";
    static final String CLOCK_SKEW = "clock-skew";
    static final String PRINCIPAL_CLAIM = "principal-claim";
    static final String ROLES_CLAIM = "roles-claim";
    static final String REQUIRED_ROLES = "required-roles";
    static final String REALM = "realm";
    static final String EXCLUDED_PATHS = "excluded-paths";
    static final String JSON_ERRORS = "json-errors";
    static final String HEADER_NAME = "header-name";
    static final String RETRY_AFTER = "retry-after";

    static final Set<String> ALL = Set.of(
            ISSUER,
            VAULT_ADDRESS,
            NAMESPACE,
            AUDIENCES,
            ALGORITHMS,
            CLOCK_SKEW,
            PRINCIPAL_CLAIM,
            ROLES_CLAIM,
            REQUIRED_ROLES,
            REALM,
            EXCLUDED_PATHS,
            JSON_ERRORS,
            HEADER_NAME,
            RETRY_AFTER);

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    record Parsed(FilterSettings settings, TokenVerifier verifier) {}

    private InitParameters() {}

    static Parsed parse(FilterConfig config) throws ServletException {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (!ALL.contains(name)) {
                throw new ServletException("Unknown init-parameter '" + name + "' for filter '" + config.getFilterName()
                        + "'; known: " + ALL.stream().sorted().toList());
            }
            String value = config.getInitParameter(name);
            if (value != null && !value.isBlank()) {
                p.put(name, value.strip());
            }
        }

        // The filter settings first: they are cheap to check and need no verifier (nor its threads).
        VaultOidcFilter.Builder filter = new VaultOidcFilter.Builder(null);
        set(p, REALM, filter::realm);
        set(p, PRINCIPAL_CLAIM, filter::principalClaim);
        set(p, ROLES_CLAIM, v -> filter.rolesClaim(v.equals("-") ? null : v));
        set(p, REQUIRED_ROLES, v -> filter.requiredRoles(split(v, ",")));
        set(p, EXCLUDED_PATHS, v -> filter.excludedPaths(split(v, SEPARATORS.pattern())));
        set(p, JSON_ERRORS, v -> filter.jsonErrors(bool(v)));
        set(p, HEADER_NAME, filter::headerName);
        set(p, RETRY_AFTER, v -> filter.retryAfter(duration(v)));
        FilterSettings settings = filter.settings();

        TokenVerifier.Builder verifier = TokenVerifier.builder();
        if (!p.containsKey(ISSUER) && !p.containsKey(VAULT_ADDRESS)) {
            throw new ServletException("init-parameter '" + ISSUER + "' or '" + VAULT_ADDRESS + "' is required");
        }
        if (p.containsKey(NAMESPACE) && !p.containsKey(VAULT_ADDRESS)) {
            throw new ServletException("init-parameter '" + NAMESPACE + "' needs '" + VAULT_ADDRESS + "'");
        }
        if (!p.containsKey(AUDIENCES)) {
            throw new ServletException("init-parameter '" + AUDIENCES
                    + "' is required: the client_id of each Vault role whose tokens are accepted");
        }
        set(p, ISSUER, v -> {
            for (String issuer : split(v, SEPARATORS.pattern())) {
                verifier.issuer(issuer);
            }
        });
        set(p, VAULT_ADDRESS, verifier::vaultAddress);
        set(p, NAMESPACE, verifier::namespace);
        set(p, AUDIENCES, v -> verifier.audiences(split(v, SEPARATORS.pattern())));
        set(p, ALGORITHMS, v -> verifier.algorithms(split(v, SEPARATORS.pattern())));
        set(p, CLOCK_SKEW, v -> verifier.clockSkew(duration(v)));
        try {
            return new Parsed(settings, verifier.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            String name = p.containsKey(ISSUER) ? ISSUER : VAULT_ADDRESS;
            throw new ServletException("init-parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    private interface Setter {
        void accept(String value);
    }

    private static void set(Map<String, String> p, String name, Setter setter) throws ServletException {
        String value = p.get(name);
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ServletException("init-parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String[] split(String value, String regex) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(regex)) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.toArray(String[]::new);
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + v + "'");
        };
    }

    /** See {@link DurationText}; init-parameters are not secret, so the value is repeated. */
    static Duration duration(String v) {
        try {
            return DurationText.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": '" + v + "'");
        }
    }
}
