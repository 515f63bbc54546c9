package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Target;
import java.util.List;

/**
 * Any Jakarta Servlet 6 container: {@code HttpServlet.service(ServletRequest, ServletResponse)}, which every
 * {@code HttpServlet} (Spring's {@code DispatcherServlet}, a WAR's servlets, default servlets) runs through. It
 * runs after the application's own filters; the container plugins move the check in front of them.
 */
public final class ServletPlugin implements AgentPlugin {
    static final List<String> DISPATCH_ARGS =
            List.of("jakarta.servlet.ServletRequest", "jakarta.servlet.ServletResponse");

    @Override
    public String name() {
        return "servlet";
    }

    @Override
    public Direction direction() {
        return Direction.INBOUND;
    }

    @Override
    public String versions() {
        return "Jakarta Servlet 6.0-6.1 (any container)";
    }

    @Override
    public List<Target> targets() {
        return List.of(
                new Target("jakarta.servlet.http.HttpServlet", "service", DISPATCH_ARGS, BridgeCall.inboundDispatch()));
    }
}
