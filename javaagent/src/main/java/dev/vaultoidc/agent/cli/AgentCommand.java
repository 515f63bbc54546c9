package dev.vaultoidc.agent.cli;

import dev.vaultoidc.agent.config.AgentSettings;
import dev.vaultoidc.agent.config.InvalidSettingException;
import dev.vaultoidc.agent.config.Settings;
import dev.vaultoidc.agent.logging.AgentLog;
import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.Plugins;
import dev.vaultoidc.agent.plugin.Target;
import dev.vaultoidc.agent.runtime.AgentRuntime;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar vault-oidc-agent.jar plugins|check [options]}. {@code check} reads the settings exactly as the
 * agent would (options in agent syntax, then system properties, environment, config file), builds everything, and
 * reaches Vault and the JWKS once. Exit status 0 when all is well, 1 for a problem, 78 for an invalid setting.
 */
public final class AgentCommand {
    private AgentCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        String command = args.length == 0 ? "help" : args[0];
        String options = args.length > 1 ? String.join(",", List.of(args).subList(1, args.length)) : null;
        switch (command) {
            case "plugins":
                return plugins(options, out);
            case "check":
                return check(options, out);
            default:
                out.println("usage: java -jar vault-oidc-agent.jar plugins [options]");
                out.println("       java -jar vault-oidc-agent.jar check [options]");
                out.println(
                        "options as for -javaagent: name=value,... (e.g. audiences=api,address=https://vault:8200)");
                out.println("as an agent: java -javaagent:vault-oidc-agent.jar=[options] -jar app.jar");
                return command.equals("help") || command.equals("--help") ? 0 : 2;
        }
    }

    private static int plugins(String options, PrintStream out) {
        List<AgentPlugin> plugins = Plugins.all();
        AgentSettings settings = null;
        try {
            settings = AgentSettings.load(options, Plugins.names(plugins));
        } catch (InvalidSettingException e) {
            out.println("(settings not read: " + e.getMessage() + ")");
        }
        out.println("vault-oidc-agent " + Plugins.version() + " plugins:");
        for (AgentPlugin p : plugins) {
            String state = settings == null
                    ? ""
                    : !settings.pluginEnabled(p.name())
                            ? "  [disabled]"
                            : (p.direction() == AgentPlugin.Direction.INBOUND
                                                    ? settings.inbound()
                                                    : settings.outbound())
                                            == null
                                    ? "  [inactive: " + p.direction().name().toLowerCase() + " not configured]"
                                    : "  [active]";
            out.printf("%-20s %-8s %s%s%n", p.name(), p.direction().name().toLowerCase(), p.versions(), state);
            for (Target t : p.targets()) {
                out.println("    " + t.describe());
            }
        }
        return 0;
    }

    private static int check(String options, PrintStream out) {
        AgentLog.threshold(AgentLog.Level.ERROR);
        AgentSettings settings;
        try {
            settings = AgentSettings.load(options, Plugins.names(Plugins.all()));
        } catch (InvalidSettingException e) {
            out.println("INVALID " + e.getMessage());
            out.println("VERDICT the agent would stop the JVM at startup: fix " + e.property());
            return 78;
        }
        Settings raw = settings.raw();
        out.println("Settings (highest precedence wins: agent options, system properties, environment, file):");
        for (String name : raw.names()) {
            out.println("  vault.oidc." + name + " = " + raw.display(name) + "  (" + raw.source(name) + ")");
        }
        raw.warnings().forEach(w -> out.println("WARNING " + w));
        if (!settings.enabled()) {
            out.println("VERDICT the agent is disabled (vault.oidc.enabled=false)");
            return 0;
        }
        out.println(
                settings.inbound() == null
                        ? "inbound:  off (no vault.oidc.audiences)"
                        : "inbound:  on; excluded paths " + settings.inbound().excludedPaths() + ", required roles "
                                + settings.inbound().requiredRoles());
        out.println(
                settings.outbound() == null
                        ? "outbound: off (no vault.oidc.agent.outbound.role)"
                        : "outbound: role " + settings.outbound().role() + " to "
                                + settings.outbound().hosts());
        if (settings.inbound() == null && settings.outbound() == null) {
            out.println("VERDICT nothing to do: set vault.oidc.audiences and/or vault.oidc.agent.outbound.role");
            return 1;
        }
        List<String> findings;
        try (AgentRuntime runtime = AgentRuntime.build(settings)) {
            findings = runtime.check(Duration.ofSeconds(10));
        } catch (InvalidSettingException e) {
            out.println("INVALID " + e.getMessage());
            out.println("VERDICT the agent would stop the JVM at startup: fix " + e.property());
            return 78;
        }
        findings.forEach(out::println);
        boolean problem = findings.stream().anyMatch(f -> f.startsWith("PROBLEM"));
        out.println(
                problem
                        ? "VERDICT not ready: fix the PROBLEM lines above (the application would start, but "
                                + "answer 503 / send calls without tokens until they are fixed)"
                        : "VERDICT ready");
        return problem ? 1 : 0;
    }
}
