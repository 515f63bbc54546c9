package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Target;
import java.util.List;

/** Tomcat 10.1 and 11 (embedded, standalone, Spring Boot): the filter chain's entry, before any filter. */
public final class TomcatPlugin implements AgentPlugin {
    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public Direction direction() {
        return Direction.INBOUND;
    }

    @Override
    public String versions() {
        return "Tomcat 10.1-11.0";
    }

    @Override
    public List<Target> targets() {
        return List.of(new Target(
                "org.apache.catalina.core.ApplicationFilterChain",
                "doFilter",
                ServletPlugin.DISPATCH_ARGS,
                BridgeCall.inboundDispatch()));
    }
}
