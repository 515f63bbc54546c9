package dev.vaultoidc.agent.bootstrap;

/**
 * The meeting point of outbound advice and the agent (see {@link InboundBridge} for why it is on the bootstrap
 * class path). Without a hook, outbound calls go out untouched: no token is better than a wrong one.
 */
public final class OutboundBridge {
    private static volatile OutboundHook hook;

    private OutboundBridge() {}

    /** Installed once by the agent before any instrumentation exists. */
    public static void install(OutboundHook h) {
        hook = h;
    }

    /** Called from the JDK HttpClient advice. */
    public static void jdkExchange(Object request) {
        OutboundHook h = hook;
        if (h != null) {
            h.jdkExchange(request);
        }
    }

    /** Called from the HttpURLConnection advice. */
    public static void urlConnectionRequest(Object messageHeader, java.net.URL url) {
        OutboundHook h = hook;
        if (h != null) {
            h.urlConnectionRequest(messageHeader, url);
        }
    }

    /** Called from the OkHttp advice. */
    public static Object okHttpRequest(Object interceptor, Object request) {
        OutboundHook h = hook;
        return h == null ? request : h.okHttpRequest(interceptor, request);
    }

    /** Called from the Apache HttpClient 5 advice. */
    public static void apacheRequest(Object request, Object scope) {
        OutboundHook h = hook;
        if (h != null) {
            h.apacheRequest(request, scope);
        }
    }

    /** Called from the Reactor Netty advice. */
    public static void reactorNettyRequest(Object operations) {
        OutboundHook h = hook;
        if (h != null) {
            h.reactorNettyRequest(operations);
        }
    }
}
