package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Target;
import java.util.List;

/**
 * Jetty 12's servlet handler's filter chain (the first filter, or the servlet when there is none), for one
 * servlet environment: ee10 and ee11 differ only in the package, {@code org.eclipse.jetty.<ee>.servlet}.
 */
abstract class JettyPlugin implements AgentPlugin {
    private final String environment;

    JettyPlugin(String environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "jetty-" + environment;
    }

    @Override
    public Direction direction() {
        return Direction.INBOUND;
    }

    @Override
    public String versions() {
        return "Jetty 12.0-12.1 " + environment;
    }

    @Override
    public List<Target> targets() {
        String handler = "org.eclipse.jetty." + environment + ".servlet.ServletHandler";
        return List.of(
                new Target(handler + "$Chain", "doFilter", ServletPlugin.DISPATCH_ARGS, BridgeCall.inboundDispatch()),
                new Target(
                        handler + "$ChainEnd", "doFilter", ServletPlugin.DISPATCH_ARGS, BridgeCall.inboundDispatch()));
    }
}
