package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.plugin.AgentPlugin;
import dev.vaultoidc.agent.plugin.BridgeCall;
import dev.vaultoidc.agent.plugin.Target;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code HttpURLConnection} (http and https): the JDK's {@code sun.net.www.http.HttpClient.writeRequests}, which
 * writes the header block of every request, redirects and retries included, with the URL it goes to.
 */
public final class UrlConnectionPlugin implements AgentPlugin {
    private static final String CLIENT = "sun.net.www.http.HttpClient";
    private static final String HEADER = "sun.net.www.MessageHeader";
    private static final String POSTER = "sun.net.www.http.PosterOutputStream";

    @Override
    public String name() {
        return "http-url-connection";
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public String versions() {
        return "java.net.HttpURLConnection, JDK 17-25";
    }

    @Override
    public List<Target> targets() {
        BridgeCall call = BridgeCall.outbound(
                "urlConnectionRequest",
                new BridgeCall.Operand.Argument(0),
                new BridgeCall.Operand.Field("url", "Ljava/net/URL;"));
        return List.of(
                new Target(CLIENT, "writeRequests", List.of(HEADER, POSTER), call),
                new Target(CLIENT, "writeRequests", List.of(HEADER, POSTER, "boolean"), call));
    }

    @Override
    public void prepare(Instrumentation inst, Module agentModule) {
        Module base = Object.class.getModule();
        inst.redefineModule(base, Set.of(), Map.of(), Map.of("sun.net.www", Set.of(agentModule)), Set.of(), Map.of());
    }
}
