package dev.vaultoidc.agent.plugin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The plugins inside this agent jar, found with {@link ServiceLoader} in the agent's own class loader. */
public final class Plugins {
    private Plugins() {}

    /** All plugins, in service-file order. */
    public static List<AgentPlugin> all() {
        List<AgentPlugin> out = new ArrayList<>();
        ServiceLoader.load(AgentPlugin.class, AgentPlugin.class.getClassLoader())
                .forEach(out::add);
        return out;
    }

    /** Their names. */
    public static Set<String> names(List<AgentPlugin> plugins) {
        Set<String> out = new LinkedHashSet<>();
        plugins.forEach(p -> out.add(p.name()));
        return out;
    }

    /** The agent's version, from the jar manifest. */
    public static String version() {
        String v = Plugins.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
