package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Names;
import dev.vaultoidc.agent.plugin.Target;
import java.util.List;

/**
 * The application's OkHttp (4.x and 5.x): the interceptor chain, acting just before OkHttp's own
 * {@code BridgeInterceptor}, i.e. once per hop and after the application's interceptors.
 */
public final class OkHttpPlugin implements AgentPlugin {
    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public String versions() {
        return "OkHttp 4.12, 5.x";
    }

    @Override
    public List<Target> targets() {
        return List.of(new Target(
                Names.concat("okhttp", "3.internal.http.RealInterceptorChain"),
                "proceed",
                List.of(Names.concat("okhttp", "3.Request")),
                BridgeCall.outboundReplacingFirstArgument(
                        "okHttpRequest",
                        new BridgeCall.Operand.Field("interceptors", "Ljava/util/List;"),
                        new BridgeCall.Operand.Field("index", "I"),
                        new BridgeCall.Operand.Argument(0))));
    }
}
