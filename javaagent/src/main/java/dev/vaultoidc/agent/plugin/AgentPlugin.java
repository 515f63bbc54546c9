package dev.vaultoidc.agent.plugin;

import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * One integration: a container (inbound) or an HTTP client (outbound). Found with {@link java.util.ServiceLoader}
 * inside the agent ({@code META-INF/services/dev.vaultoidc.agent.plugin.AgentPlugin}); each says what it
 * instruments so {@code java -jar vault-oidc-agent.jar plugins} can list it. What is inserted is one call to a
 * bootstrap bridge ({@link BridgeCall}); the behaviour lives in ordinary classes.
 */
public interface AgentPlugin {
    /** Inbound plugins protect requests; outbound plugins attach tokens. */
    enum Direction {
        INBOUND,
        OUTBOUND
    }

    /** The name used in {@code vault.oidc.agent.plugins.<name>.enabled}. */
    String name();

    Direction direction();

    /** The library or container and the versions this plugin was tested with. */
    String versions();

    /** The methods instrumented. */
    List<Target> targets();

    /**
     * Prepares the JVM before the targets are instrumented, e.g. opens a JDK package to the agent's reflection.
     *
     * @param agentModule the module of the agent's own classes (the system class loader's unnamed module)
     */
    default void prepare(Instrumentation inst, Module agentModule) {}
}
