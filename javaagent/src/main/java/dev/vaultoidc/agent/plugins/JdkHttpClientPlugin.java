package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Target;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java.net.http.HttpClient}, sync and async: each exchange (so each redirect hop) passes
 * {@code MultiExchange.requestFilters}, where the token goes in as a system header, as the JDK's own
 * authentication filter does it.
 */
public final class JdkHttpClientPlugin implements AgentPlugin {
    @Override
    public String name() {
        return "jdk-http-client";
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public String versions() {
        return "java.net.http.HttpClient, JDK 17-25";
    }

    @Override
    public List<Target> targets() {
        return List.of(new Target(
                "jdk.internal.net.http.MultiExchange",
                "requestFilters",
                List.of("jdk.internal.net.http.HttpRequestImpl"),
                BridgeCall.outbound("jdkExchange", new BridgeCall.Operand.Argument(0))));
    }

    @Override
    public void prepare(Instrumentation inst, Module agentModule) {
        ModuleLayer.boot()
                .findModule("java.net.http")
                .ifPresent(m -> inst.redefineModule(
                        m,
                        Set.of(),
                        Map.of(),
                        Map.of(
                                "jdk.internal.net.http",
                                Set.of(agentModule),
                                "jdk.internal.net.http.common",
                                Set.of(agentModule)),
                        Set.of(),
                        Map.of()));
    }
}
