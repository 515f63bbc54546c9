package dev.vaultoidc.agent.config;

import dev.vaultoidc.agent.logging.AgentLog;
import java.util.List;
import java.util.Set;

/**
 * The agent's decisions, derived from {@link Settings} and checked together: whether inbound protection and
 * outbound tokens are on, and with what. Vault and verifier settings stay in {@link #raw()} for the runtime.
 *
 * @param enabled {@code vault.oidc.enabled}; false turns the whole agent off
 * @param inbound null when inbound protection is off
 * @param outbound null when no outbound token is attached
 */
public record AgentSettings(
        boolean enabled, AgentLog.Level logLevel, Inbound inbound, Outbound outbound, Settings raw) {

    /** Inbound protection: the servlet filter's behaviour applied by the agent. */
    public record Inbound(
            List<String> excludedPaths, List<String> requiredRoles, String principalClaim, String rolesClaim) {}

    /** Outbound tokens: the role whose ID token is attached, and where. */
    public record Outbound(String role, HostRules hosts) {}

    /** Reads and cross-checks {@code raw}; every failure names its property. */
    public static AgentSettings from(Settings raw) {
        boolean enabled = raw.bool("enabled", true);
        AgentLog.Level level =
                raw.has("agent.log-level") ? AgentLog.parse(raw.text("agent.log-level")) : AgentLog.Level.INFO;
        List<String> audiences = raw.list("audiences");

        Inbound inbound = null;
        boolean inboundOn = raw.bool("agent.inbound.enabled", !audiences.isEmpty());
        if (inboundOn) {
            if (audiences.isEmpty()) {
                throw new InvalidSettingException(
                        PropertyTable.PREFIX + "audiences",
                        "inbound protection is enabled "
                                + "(vault.oidc.agent.inbound.enabled) but no audience is set; without one, tokens of every "
                                + "role would be accepted. Set the client_id of each accepted Vault OIDC role");
            }
            if (!raw.has("issuer-uri") && !raw.has("address")) {
                throw new InvalidSettingException(
                        PropertyTable.PREFIX + "issuer-uri",
                        "inbound protection needs "
                                + "vault.oidc.issuer-uri or vault.oidc.address to find Vault's keys");
            }
            List<String> excluded = raw.list("agent.inbound.excluded-paths");
            for (String p : excluded) {
                // The servlet filter's own rule; checked here because the filter is built lazily per container.
                if (!p.startsWith("/") && !(p.startsWith("*.") && p.length() > 2)) {
                    throw new InvalidSettingException(
                            PropertyTable.PREFIX + "agent.inbound.excluded-paths",
                            "a pattern must start with '/' or '*.': '" + p + "'");
                }
            }
            String principal = raw.has("principal-claim-name") ? raw.text("principal-claim-name") : "sub";
            String roles = raw.has("authorities-claim-name") ? raw.text("authorities-claim-name") : "groups";
            inbound = new Inbound(excluded, raw.list("agent.inbound.required-roles"), principal, roles);
        }

        Outbound outbound = null;
        String role = raw.text("agent.outbound.role");
        List<String> hosts = raw.list("agent.outbound.hosts");
        if (role != null || !hosts.isEmpty()) {
            if (role == null) {
                throw new InvalidSettingException(
                        PropertyTable.PREFIX + "agent.outbound.role",
                        "outbound hosts are " + "listed but no role names the ID token to attach");
            }
            if (hosts.isEmpty()) {
                throw new InvalidSettingException(
                        PropertyTable.PREFIX + "agent.outbound.hosts",
                        "an outbound role is "
                                + "set but no host is listed; a token is never attached for a host not listed");
            }
            if (!raw.has("address")) {
                throw new InvalidSettingException(
                        PropertyTable.PREFIX + "address",
                        "outbound tokens are minted by "
                                + "Vault: set vault.oidc.address (and a login under vault.oidc.auth.*)");
            }
            HostRules rules;
            try {
                rules = HostRules.parse(hosts, raw.bool("agent.outbound.allow-plain-http", false));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(PropertyTable.PREFIX + "agent.outbound.hosts", e.getMessage());
            }
            outbound = new Outbound(role, rules);
        }
        return new AgentSettings(enabled, level, inbound, outbound, raw);
    }

    /** Whether plugin {@code name} may run ({@code vault.oidc.agent.plugins.<name>.enabled}, default true). */
    public boolean pluginEnabled(String name) {
        return raw.bool(PropertyTable.PLUGINS + name + ".enabled", true);
    }

    /** Convenience for the command line and tests. */
    public static AgentSettings load(String options, Set<String> plugins) {
        return from(Settings.load(options, toMap(System.getProperties()), System.getenv(), plugins));
    }

    static java.util.Map<String, String> toMap(java.util.Properties p) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }
}
