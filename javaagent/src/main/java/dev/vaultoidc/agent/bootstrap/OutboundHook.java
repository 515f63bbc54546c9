package dev.vaultoidc.agent.bootstrap;

/** What the outbound advice calls; {@code Object} parameters for the same reason as {@link InboundHook}. */
public interface OutboundHook {
    /** A {@code java.net.http.HttpRequest} about to be sent (one exchange); may set a system header on it. */
    void jdkExchange(Object request);

    /** {@code sun.net.www.http.HttpClient#writeRequests}: the header block about to be written to {@code url}. */
    void urlConnectionRequest(Object messageHeader, java.net.URL url);

    /**
     * OkHttp's interceptor chain is about to call {@code interceptor} with {@code request}; returns the request
     * to use instead (or the same one).
     */
    Object okHttpRequest(Object interceptor, Object request);

    /** Apache HttpClient 5 ({@code ProtocolExec}/{@code AsyncProtocolExec}): one hop's request and its exec scope. */
    void apacheRequest(Object request, Object scope);

    /** Reactor Netty's {@code HttpClientOperations}, just before its headers are sent (on an event loop). */
    void reactorNettyRequest(Object operations);
}
