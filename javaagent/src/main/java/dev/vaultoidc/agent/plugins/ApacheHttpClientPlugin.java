package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Target;
import java.util.List;

/**
 * Apache HttpClient 5, classic and async: the protocol stage of the exec chain, which every hop (redirects
 * included, since the redirect stage sits above it) passes with its route's target host.
 */
public final class ApacheHttpClientPlugin implements AgentPlugin {
    private static final String CLASSIC = "org.apache.hc.client5.http.impl.classic.ProtocolExec";
    private static final String ASYNC = "org.apache.hc.client5.http.impl.async.AsyncProtocolExec";

    @Override
    public String name() {
        return "apache-httpclient5";
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public String versions() {
        return "Apache HttpClient 5.x classic and async";
    }

    @Override
    public List<Target> targets() {
        return List.of(
                new Target(
                        CLASSIC,
                        "execute",
                        List.of(
                                "org.apache.hc.core5.http.ClassicHttpRequest",
                                "org.apache.hc.client5.http.classic.ExecChain$Scope",
                                "org.apache.hc.client5.http.classic.ExecChain"),
                        BridgeCall.outbound(
                                "apacheRequest",
                                new BridgeCall.Operand.Argument(0),
                                new BridgeCall.Operand.Argument(1))),
                new Target(
                        ASYNC,
                        "execute",
                        List.of(
                                "org.apache.hc.core5.http.HttpRequest",
                                "org.apache.hc.core5.http.nio.AsyncEntityProducer",
                                "org.apache.hc.client5.http.async.AsyncExecChain$Scope",
                                "org.apache.hc.client5.http.async.AsyncExecChain",
                                "org.apache.hc.client5.http.async.AsyncExecCallback"),
                        BridgeCall.outbound(
                                "apacheRequest",
                                new BridgeCall.Operand.Argument(0),
                                new BridgeCall.Operand.Argument(2))));
    }
}
