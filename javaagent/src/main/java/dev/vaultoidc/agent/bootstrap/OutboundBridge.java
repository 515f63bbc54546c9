package dev.vaultoidc.agent.bootstrap;

/**
 * The meeting point of the outbound instrumentation and the agent (see {@link InboundBridge} for why it is on the bootstrap
 * class path). Without a hook, outbound calls go out untouched: no token is better than a wrong one.
 */
public final class OutboundBridge {
    private static volatile OutboundHook hook;

    private OutboundBridge() {}

    /** Installed once by the agent before any instrumentation exists. */
    public static void install(OutboundHook h) {
        hook = h;
    }

    /** Called from the JDK HttpClient instrumentation. */
    public static void jdkExchange(Object request) {
        OutboundHook h = hook;
        if (h != null) {
            h.jdkExchange(request);
        }
    }

    /** Called from the HttpURLConnection instrumentation. */
    public static void urlConnectionRequest(Object messageHeader, java.net.URL url) {
        OutboundHook h = hook;
        if (h != null) {
            h.urlConnectionRequest(messageHeader, url);
        }
    }

    /**
     * Called from OkHttp's {@code RealInterceptorChain.proceed(request)} with the chain's interceptors and its
     * position in them (past the end: the call is done, nothing to do).
     */
    public static Object okHttpRequest(java.util.List<?> interceptors, int index, Object request) {
        OutboundHook h = hook;
        return h == null || index >= interceptors.size() ? request : h.okHttpRequest(interceptors.get(index), request);
    }

    /** Called from the Apache HttpClient 5 instrumentation. */
    public static void apacheRequest(Object request, Object scope) {
        OutboundHook h = hook;
        if (h != null) {
            h.apacheRequest(request, scope);
        }
    }

    /** Called from the Reactor Netty instrumentation. */
    public static void reactorNettyRequest(Object operations) {
        OutboundHook h = hook;
        if (h != null) {
            h.reactorNettyRequest(operations);
        }
    }
}
