package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Target;
import java.util.List;

/**
 * Reactor Netty's {@code HttpClient} (so Spring's {@code WebClient}): each request (each redirect hop is a new
 * one) just before its headers go out. This runs on a Netty event loop, so it never waits for Vault: it uses the
 * token at hand, or sends the call without one while a token is fetched in the background.
 */
public final class ReactorNettyPlugin implements AgentPlugin {
    @Override
    public String name() {
        return "reactor-netty";
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public String versions() {
        return "Reactor Netty HttpClient 1.x (WebClient)";
    }

    @Override
    public List<Target> targets() {
        return List.of(new Target(
                "reactor.netty.http.client.HttpClientOperations",
                "beforeMarkSentHeaders",
                List.of(),
                // At exit: on a redirect to another host Reactor Netty's own consumer, run in this method,
                // strips Authorization; the agent decides after it, so a listed host still gets its token.
                BridgeCall.outboundAtExit("reactorNettyRequest", new BridgeCall.Operand.This())));
    }
}
