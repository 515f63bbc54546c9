package dev.vaultoidc.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every property the agent knows, without the {@code vault.oidc.} prefix. The names and meanings are the Spring
 * starter's ({@code VaultOidcProperties}); the agent cannot depend on Spring, so the table lives here for now. A
 * later refactoring can move one shared table next to oidc-core and let both read it.
 */
public final class PropertyTable {
    /** The prefix of every property name. */
    public static final String PREFIX = "vault.oidc.";
    /** The prefix of the agent's own properties, which are checked strictly. */
    public static final String AGENT = "agent.";
    /** {@code agent.plugins.<name>.enabled}. */
    static final String PLUGINS = "agent.plugins.";

    private static final Map<String, Kind> KNOWN = build();

    private PropertyTable() {}

    private static Map<String, Kind> build() {
        Map<String, Kind> m = new LinkedHashMap<>();
        m.put("enabled", Kind.BOOLEAN);
        m.put("address", Kind.URL);
        m.put("namespace", Kind.TEXT);
        m.put("issuer-uri", Kind.URL);
        m.put("audiences", Kind.LIST);
        m.put("jws-algorithms", Kind.LIST);
        m.put("clock-skew", Kind.DURATION);
        m.put("max-token-size", Kind.INTEGER);
        m.put("signature-provider", Kind.SIGNATURE_PROVIDER);
        m.put("warm-up", Kind.BOOLEAN);
        m.put("principal-claim-name", Kind.TEXT);
        m.put("authorities-claim-name", Kind.TEXT);

        m.put("auth.method", Kind.AUTH_METHOD);
        m.put("auth.token", Kind.SECRET);
        m.put("auth.renew", Kind.BOOLEAN);
        m.put("auth.token-file", Kind.PATH);
        m.put("auth.approle.role-id", Kind.TEXT);
        m.put("auth.approle.secret-id", Kind.SECRET);
        m.put("auth.approle.secret-id-file", Kind.PATH);
        m.put("auth.approle.mount", Kind.TEXT);
        m.put("auth.kubernetes.role", Kind.TEXT);
        m.put("auth.kubernetes.mount", Kind.TEXT);
        m.put("auth.kubernetes.service-account-token-file", Kind.PATH);
        m.put("auth.jwt.role", Kind.TEXT);
        m.put("auth.jwt.mount", Kind.TEXT);
        m.put("auth.jwt.token-file", Kind.PATH);

        m.put("tls.ca-bundle", Kind.PATH);
        m.put("tls.client-certificate", Kind.PATH);
        m.put("tls.client-key", Kind.PATH);

        for (String d : new String[] {
            "min-ttl",
            "max-ttl",
            "fallback-ttl",
            "refresh-ahead",
            "max-staleness",
            "retry-interval",
            "unknown-kid-refresh-interval",
            "fetch-wait",
            "http-timeout"
        }) {
            m.put("jwks." + d, Kind.DURATION);
        }
        m.put("introspection.enabled", Kind.BOOLEAN);
        m.put("introspection.cache-ttl", Kind.DURATION);
        m.put("token-cache.maximum-size", Kind.INTEGER);

        // Spring-only: how Boot registers its filter, maps authorities or exposes a supplier bean.
        for (String s : new String[] {
            "authority-prefix",
            "filter.enabled",
            "filter.url-patterns",
            "filter.excluded-paths",
            "filter.realm",
            "filter.order",
            "id-token.role"
        }) {
            m.put(s, Kind.SPRING_ONLY);
        }

        m.put("agent.config", Kind.PATH);
        m.put("agent.log-level", Kind.LOG_LEVEL);
        m.put("agent.inbound.enabled", Kind.BOOLEAN);
        m.put("agent.inbound.excluded-paths", Kind.LIST);
        m.put("agent.inbound.required-roles", Kind.LIST);
        m.put("agent.outbound.role", Kind.TEXT);
        m.put("agent.outbound.hosts", Kind.LIST);
        m.put("agent.outbound.allow-plain-http", Kind.BOOLEAN);
        return Collections.unmodifiableMap(m);
    }

    /** All fixed names (plugin switches excluded), in documentation order. */
    public static Map<String, Kind> known() {
        return KNOWN;
    }

    /** The kind of {@code name}, or {@code null} if unknown; plugin switches are BOOLEAN. */
    static Kind kindOf(String name, java.util.Set<String> pluginNames) {
        Kind k = KNOWN.get(name);
        if (k != null) {
            return k;
        }
        String plugin = pluginOf(name);
        return plugin != null && pluginNames.contains(plugin) ? Kind.BOOLEAN : null;
    }

    /** The plugin named by {@code agent.plugins.<name>.enabled}, or null. */
    static String pluginOf(String name) {
        if (name.startsWith(PLUGINS) && name.endsWith(".enabled")) {
            String p = name.substring(PLUGINS.length(), name.length() - ".enabled".length());
            return p.isEmpty() ? null : p;
        }
        return null;
    }

    /** {@code agent.outbound.hosts} → {@code VAULT_OIDC_AGENT_OUTBOUND_HOSTS}. */
    public static String envName(String name) {
        return "VAULT_OIDC_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Whether the value of {@code name} must never be printed. */
    static boolean isSecret(String name) {
        return KNOWN.get(name) == Kind.SECRET;
    }
}
