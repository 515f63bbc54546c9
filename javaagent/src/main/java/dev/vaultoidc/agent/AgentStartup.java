package dev.vaultoidc.agent;

import dev.vaultoidc.agent.bootstrap.InboundBridge;
import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import dev.vaultoidc.agent.config.AgentSettings;
import dev.vaultoidc.agent.inbound.InboundConfig;
import dev.vaultoidc.agent.inbound.ServletInbound;
import dev.vaultoidc.agent.logging.AgentLog;
import dev.vaultoidc.agent.outbound.OutboundHooks;
import dev.vaultoidc.agent.outbound.TokenPolicy;
import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.FailurePolicy;
import dev.vaultoidc.agent.plugin.PluginInstaller;
import dev.vaultoidc.agent.plugin.Plugins;
import dev.vaultoidc.agent.runtime.AgentRuntime;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the settings, installs the bridges' hooks, then the plugins, and leaves the runtime to a
 * {@link RuntimeStarter}: premain does only what must be in place before the application's first class loads.
 */
final class AgentStartup {
    private static final String LOG = "VaultOidcAgent";

    private AgentStartup() {}

    static void start(String options, Instrumentation inst, boolean atStartup) {
        long started = System.nanoTime();
        List<AgentPlugin> plugins = Plugins.all();
        AgentSettings settings = AgentSettings.load(options, Plugins.names(plugins));
        AgentLog.threshold(settings.logLevel());
        settings.raw().warnings().forEach(w -> AgentLog.warn(LOG, w, null));
        if (!settings.enabled()) {
            AgentLog.info(LOG, "vault-oidc agent disabled (vault.oidc.enabled=false); nothing instrumented");
            return;
        }
        if (settings.inbound() == null && settings.outbound() == null) {
            AgentLog.warn(
                    LOG,
                    "vault-oidc agent has nothing to do: set vault.oidc.audiences (inbound) or "
                            + "vault.oidc.agent.outbound.role and hosts (outbound)",
                    null);
            return;
        }
        // The library checks every setting now, so a bad value stops startup; it builds later (RuntimeStarter).
        AgentRuntime.Prepared prepared = AgentRuntime.prepare(settings);
        long configured = System.nanoTime();
        RuntimeStarter runtime = new RuntimeStarter();

        List<AgentPlugin> active = new ArrayList<>();
        for (AgentPlugin p : plugins) {
            boolean wanted = p.direction() == AgentPlugin.Direction.INBOUND
                    ? settings.inbound() != null
                    : settings.outbound() != null;
            if (wanted && settings.pluginEnabled(p.name())) {
                active.add(p);
            }
        }
        Set<String> inboundNames = new LinkedHashSet<>();
        active.stream()
                .filter(p -> p.direction() == AgentPlugin.Direction.INBOUND)
                .forEach(p -> inboundNames.add(p.name()));
        if (settings.inbound() != null && inboundNames.isEmpty()) {
            AgentLog.warn(
                    LOG, "inbound protection is on but every inbound plugin is disabled: nothing is protected", null);
        }

        // Hooks before instrumentation: no instrumented method may run without one.
        if (settings.inbound() != null) {
            InboundBridge.install(
                    new ServletInbound(new InboundConfig(() -> runtime.get().verifier(), settings.inbound())));
        }
        if (settings.outbound() != null) {
            OutboundBridge.install(new OutboundHooks(new TokenPolicy(
                    settings.outbound().hosts(), () -> runtime.get().idTokens().get())));
        }
        Set<String> targets = new java.util.HashSet<>();
        active.forEach(p -> p.targets().forEach(t -> targets.add(t.typeName())));
        boolean targetLoaded = !atStartup;
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            targetLoaded |= targets.contains(loaded.getName());
        }
        PluginInstaller installer =
                new PluginInstaller(inst, new FailurePolicy(settings.inbound() != null, inboundNames), targetLoaded);
        installer.install(active, InboundBridge.class, OutboundBridge.class);
        long installed = System.nanoTime();
        runtime.start(prepared, installer::classesSeen);
        AgentLog.log(
                AgentLog.Level.DEBUG,
                LOG,
                "premain: settings " + (configured - started) / 1_000_000 + " ms, hooks and plugins "
                        + (installed - configured) / 1_000_000 + " ms",
                null);

        StringBuilder line = new StringBuilder("vault-oidc agent ")
                .append(Plugins.version())
                .append(" active in ")
                .append((System.nanoTime() - started) / 1_000_000)
                .append(" ms;");
        for (AgentPlugin p : active) {
            line.append(' ')
                    .append(p.name())
                    .append(" [")
                    .append(String.join(
                            ", ", p.targets().stream().map(t -> t.describe()).toList()))
                    .append(']');
        }
        if (settings.inbound() != null) {
            line.append("; inbound: issuer ")
                    .append(
                            settings.raw().has("issuer-uri")
                                    ? settings.raw().text("issuer-uri")
                                    : "of " + settings.raw().text("address"));
            if (!settings.inbound().excludedPaths().isEmpty()) {
                line.append(", excluded ").append(settings.inbound().excludedPaths());
            }
            if (!settings.inbound().requiredRoles().isEmpty()) {
                line.append(", required roles ").append(settings.inbound().requiredRoles());
            }
        }
        if (settings.outbound() != null) {
            line.append("; outbound: role ")
                    .append(settings.outbound().role())
                    .append(" to ")
                    .append(settings.outbound().hosts());
        }
        AgentLog.info(LOG, line.toString());
    }
}
