package dev.vaultoidc.agent.plugin;

import dev.vaultoidc.agent.logging.AgentLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens when an instrumentation fails to apply (an unknown container or JDK version).
 *
 * <ul>
 *   <li>Outbound: logged; calls through that client go out without a token. Nothing is exposed by that.</li>
 *   <li>Inbound: the generic {@code servlet} plugin guards every {@code HttpServlet} in any container; container
 *       plugins only move the check in front of the application's own filters. So a container plugin failing
 *       while {@code servlet} is enabled and has not failed is a warning, and so is any inbound failure once another
 *       inbound plugin has applied. Otherwise the application could serve requests unchecked: the agent <b>fails closed</b> and stops the JVM with exit status {@value #EXIT_STATUS}.</li>
 * </ul>
 */
public class FailurePolicy {
    /** The JVM's exit status when inbound protection cannot be applied ({@code EX_SOFTWARE}). */
    public static final int EXIT_STATUS = 70;
    /** The plugin that guards every container. */
    public static final String GENERIC_INBOUND = "servlet";

    private static final String LOG = "FailurePolicy";

    private final boolean inboundEnabled;
    private final Set<String> enabledInbound;
    private final Set<String> failedInbound = ConcurrentHashMap.newKeySet();
    private final Set<String> applied = ConcurrentHashMap.newKeySet();

    /** @param enabledInbound the inbound plugins that were installed */
    public FailurePolicy(boolean inboundEnabled, Set<String> enabledInbound) {
        this.inboundEnabled = inboundEnabled;
        this.enabledInbound = Set.copyOf(enabledInbound);
    }

    void applied(AgentPlugin plugin) {
        applied.add(plugin.name());
    }

    /** Plugins that instrumented at least one class so far. */
    public Set<String> applied() {
        return Set.copyOf(applied);
    }

    void failed(AgentPlugin plugin, Target target, Throwable error) {
        String what = "plugin " + plugin.name() + " could not instrument " + target.describe() + ": " + error;
        if (plugin.direction() == AgentPlugin.Direction.OUTBOUND || !inboundEnabled) {
            AgentLog.warn(LOG, what + "; calls through it carry no token", null);
            return;
        }
        failedInbound.add(plugin.name());
        boolean genericGuards = enabledInbound.contains(GENERIC_INBOUND) && !failedInbound.contains(GENERIC_INBOUND);
        boolean otherApplied = applied.stream().anyMatch(n -> enabledInbound.contains(n) && !failedInbound.contains(n));
        if (genericGuards || otherApplied) {
            AgentLog.warn(
                    LOG,
                    what + "; requests are still checked by plugin " + (genericGuards ? GENERIC_INBOUND : applied),
                    null);
            return;
        }
        failClosed(what);
    }

    /** Stops the JVM: serving requests unchecked is worse than not serving them. Overridden in tests. */
    protected void failClosed(String what) {
        AgentLog.error(
                LOG,
                what + ". No other inbound plugin protects this application, so the agent fails "
                        + "closed and stops the JVM (exit status " + EXIT_STATUS + "). Disable inbound protection "
                        + "(vault.oidc.agent.inbound.enabled=false) to run without it.",
                null);
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
