package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.Target;
import java.util.List;

/** Jetty 12 ee11: the servlet handler's filter chain (first filter, or the servlet when there is none). */
public final class JettyEe11Plugin implements AgentPlugin {
    private static final String HANDLER = "org.eclipse.jetty.ee11.servlet.ServletHandler";

    @Override
    public String name() {
        return "jetty-ee11";
    }

    @Override
    public Direction direction() {
        return Direction.INBOUND;
    }

    @Override
    public String versions() {
        return "Jetty 12.0-12.1 ee11";
    }

    @Override
    public List<Target> targets() {
        return List.of(
                new Target(HANDLER + "$Chain", "doFilter", ServletPlugin.DISPATCH_ARGS, InboundAdvice.class.getName()),
                new Target(
                        HANDLER + "$ChainEnd", "doFilter", ServletPlugin.DISPATCH_ARGS, InboundAdvice.class.getName()));
    }
}
