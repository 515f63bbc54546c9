package dev.vaultoidc.agent.outbound;

import dev.vaultoidc.agent.bootstrap.OutboundHook;
import dev.vaultoidc.agent.logging.AgentLog;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent side of the outbound advice: reads each client's request, asks the {@link TokenPolicy}, writes the
 * answer back. The JDK's internal types are reached by reflection on methods the plugins opened to the agent; the
 * application's OkHttp by reflection on its public API (the agent's own OkHttp is a relocated copy).
 */
public final class OutboundHooks implements OutboundHook {
    private static final String LOG = "OutboundHooks";
    private static final String AUTHORIZATION = "Authorization";

    private final TokenPolicy policy;
    private final Map<Class<?>, Method[]> reflection = new ConcurrentHashMap<>();

    public OutboundHooks(TokenPolicy policy) {
        this.policy = policy;
    }

    // ---- java.net.http.HttpClient: jdk.internal.net.http.MultiExchange#requestFilters(HttpRequestImpl) ----

    @Override
    public void jdkExchange(Object request) {
        try {
            HttpRequest r = (HttpRequest) request;
            if ("CONNECT".equalsIgnoreCase(r.method())) {
                return; // a proxy tunnel: never the destination
            }
            URI uri = r.uri();
            // User headers: the application's own Authorization wins.
            String existing = r.headers().firstValue(AUTHORIZATION).orElse(null);
            Method[] m = reflection.computeIfAbsent(request.getClass(), OutboundHooks::jdkMethods);
            Object system = m[1].invoke(request);
            @SuppressWarnings("unchecked")
            Map<String, java.util.List<String>> systemHeaders =
                    (Map<String, java.util.List<String>>) m[2].invoke(system);
            if (existing == null && systemHeaders.containsKey(AUTHORIZATION)) {
                existing = systemHeaders.get(AUTHORIZATION).isEmpty()
                        ? null
                        : systemHeaders.get(AUTHORIZATION).get(0);
            }
            String decision = policy.decide(uri.getScheme(), uri.getHost(), uri.getPort(), existing);
            if (decision == TokenPolicy.KEEP) {
                return;
            }
            if (decision.isEmpty()) {
                systemHeaders.remove(AUTHORIZATION);
            } else {
                m[0].invoke(request, AUTHORIZATION, decision);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn(LOG, "JDK HttpClient request left untouched: " + e, null);
        }
    }

    private static Method[] jdkMethods(Class<?> impl) {
        try {
            Method set = impl.getMethod("setSystemHeader", String.class, String.class);
            Method builder = impl.getDeclaredMethod("getSystemHeadersBuilder");
            builder.setAccessible(true);
            Method map = builder.getReturnType().getMethod("map");
            set.setAccessible(true);
            map.setAccessible(true);
            return new Method[] {set, builder, map};
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected JDK HttpClient internals", e);
        }
    }

    // ---- HttpURLConnection: sun.net.www.http.HttpClient#writeRequests(MessageHeader, ...) ----

    @Override
    public void urlConnectionRequest(Object messageHeader, URL url) {
        if (messageHeader == null || url == null) {
            return;
        }
        try {
            Method[] m = reflection.computeIfAbsent(messageHeader.getClass(), OutboundHooks::messageHeaderMethods);
            String requestLine = (String) m[3].invoke(messageHeader, 0);
            if (requestLine != null && requestLine.regionMatches(true, 0, "CONNECT ", 0, 8)) {
                return; // the proxy's tunnel request, not the destination's
            }
            String existing = (String) m[0].invoke(messageHeader, AUTHORIZATION);
            String decision = policy.decide(url.getProtocol(), url.getHost(), url.getPort(), existing);
            if (decision == TokenPolicy.KEEP) {
                return;
            }
            if (decision.isEmpty()) {
                m[2].invoke(messageHeader, AUTHORIZATION);
            } else {
                m[1].invoke(messageHeader, AUTHORIZATION, decision);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn(LOG, "HttpURLConnection request left untouched: " + e, null);
        }
    }

    private static Method[] messageHeaderMethods(Class<?> type) {
        try {
            Method[] m = {
                type.getMethod("findValue", String.class),
                type.getMethod("set", String.class, String.class),
                type.getMethod("remove", String.class),
                type.getMethod("getValue", int.class)
            };
            for (Method x : m) {
                x.setAccessible(true);
            }
            return m;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected HttpURLConnection internals", e);
        }
    }

    // ---- OkHttp 4/5: okhttp3.internal.http.RealInterceptorChain#proceed(Request) ----

    @Override
    public Object okHttpRequest(Object interceptor, Object request) {
        // Once per hop, just before OkHttp's BridgeInterceptor: after the application's interceptors (whose own
        // Authorization wins) and for every redirect RetryAndFollowUpInterceptor follows.
        if (interceptor == null
                || request == null
                || !interceptor.getClass().getName().endsWith(".BridgeInterceptor")) {
            return request;
        }
        try {
            Method[] m = reflection.computeIfAbsent(request.getClass(), OutboundHooks::okHttpMethods);
            Object url = m[0].invoke(request);
            Method[] u = reflection.computeIfAbsent(url.getClass(), OutboundHooks::okHttpUrlMethods);
            String existing = (String) m[1].invoke(request, AUTHORIZATION);
            String decision = policy.decide(
                    (String) u[0].invoke(url), (String) u[1].invoke(url), (Integer) u[2].invoke(url), existing);
            if (decision == TokenPolicy.KEEP) {
                return request;
            }
            Object builder = m[2].invoke(request);
            Method[] b = reflection.computeIfAbsent(builder.getClass(), OutboundHooks::okHttpBuilderMethods);
            if (decision.isEmpty()) {
                b[1].invoke(builder, AUTHORIZATION);
            } else {
                b[0].invoke(builder, AUTHORIZATION, decision);
            }
            return b[2].invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn(LOG, "OkHttp request left untouched: " + e, null);
            return request;
        }
    }

    private static Method[] okHttpMethods(Class<?> request) {
        try {
            return new Method[] {
                request.getMethod("url"), request.getMethod("header", String.class), request.getMethod("newBuilder")
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("unexpected OkHttp Request API", e);
        }
    }

    private static Method[] okHttpUrlMethods(Class<?> url) {
        try {
            return new Method[] {url.getMethod("scheme"), url.getMethod("host"), url.getMethod("port")};
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("unexpected OkHttp HttpUrl API", e);
        }
    }

    private static Method[] okHttpBuilderMethods(Class<?> builder) {
        try {
            return new Method[] {
                builder.getMethod("header", String.class, String.class),
                builder.getMethod("removeHeader", String.class),
                builder.getMethod("build")
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("unexpected OkHttp Request.Builder API", e);
        }
    }

    // ---- Apache HttpClient 5: ProtocolExec / AsyncProtocolExec#execute(request, ..., scope, ...) ----

    @Override
    public void apacheRequest(Object request, Object scope) {
        if (request == null || scope == null) {
            return;
        }
        try {
            // The route's target host is where this hop really goes, whatever the request line says.
            Object route = scope.getClass().getField("route").get(scope);
            Object target = route.getClass().getMethod("getTargetHost").invoke(route);
            Method[] h = reflection.computeIfAbsent(target.getClass(), OutboundHooks::apacheHostMethods);
            Method[] m = reflection.computeIfAbsent(request.getClass(), OutboundHooks::apacheMessageMethods);
            Object header = m[0].invoke(request, AUTHORIZATION);
            String existing = header == null ? null : (String) m[3].invoke(header);
            String decision = policy.decide(
                    (String) h[0].invoke(target),
                    (String) h[1].invoke(target),
                    (Integer) h[2].invoke(target),
                    existing);
            if (decision == TokenPolicy.KEEP) {
                return;
            }
            if (decision.isEmpty()) {
                m[2].invoke(request, AUTHORIZATION);
            } else {
                m[1].invoke(request, AUTHORIZATION, decision);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn(LOG, "Apache HttpClient request left untouched: " + e, null);
        }
    }

    private static Method[] apacheHostMethods(Class<?> host) {
        try {
            return new Method[] {
                host.getMethod("getSchemeName"), host.getMethod("getHostName"), host.getMethod("getPort")
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("unexpected Apache HttpHost API", e);
        }
    }

    private static Method[] apacheMessageMethods(Class<?> request) {
        try {
            // Through the public interfaces: the concrete request classes may be package-private.
            Class<?> message = Class.forName("org.apache.hc.core5.http.HttpMessage", false, request.getClassLoader());
            Class<?> nameValue =
                    Class.forName("org.apache.hc.core5.http.NameValuePair", false, request.getClassLoader());
            return new Method[] {
                message.getMethod("getFirstHeader", String.class),
                message.getMethod("setHeader", String.class, Object.class),
                message.getMethod("removeHeaders", String.class),
                nameValue.getMethod("getValue")
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected Apache HttpMessage API", e);
        }
    }

    // ---- Reactor Netty: HttpClientOperations#beforeMarkSentHeaders, on the event loop ----

    @Override
    public void reactorNettyRequest(Object operations) {
        if (operations == null) {
            return;
        }
        try {
            Method[] m = reflection.computeIfAbsent(operations.getClass(), OutboundHooks::reactorNettyMethods);
            URI uri = URI.create((String) m[0].invoke(operations));
            Object headers = m[1].invoke(operations);
            String existing = (String) m[2].invoke(headers, AUTHORIZATION);
            // The Host header names where this request really goes (the resource URL may still be the first hop's).
            String host = uri.getHost();
            int port = uri.getPort();
            String hostHeader = (String) m[2].invoke(headers, "Host");
            if (hostHeader != null && !hostHeader.isBlank()) {
                URI h = URI.create(uri.getScheme() + "://" + hostHeader.strip());
                host = h.getHost();
                port = h.getPort();
            }
            AgentLog.log(
                    AgentLog.Level.DEBUG,
                    LOG,
                    "reactor-netty request to " + uri.getScheme() + "://" + host + ":" + port + " (resource "
                            + uri.getHost() + ":" + uri.getPort() + ")",
                    null);
            // Never wait for Vault here: this is a Netty event loop.
            String decision = policy.decide(uri.getScheme(), host, port, existing, false);
            if (decision == TokenPolicy.KEEP) {
                return;
            }
            if (decision.isEmpty()) {
                m[4].invoke(headers, AUTHORIZATION);
            } else {
                m[3].invoke(headers, AUTHORIZATION, decision);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn(LOG, "Reactor Netty request left untouched: " + e, null);
        }
    }

    private static Method[] reactorNettyMethods(Class<?> operations) {
        try {
            ClassLoader loader = operations.getClassLoader();
            Class<?> request = Class.forName("reactor.netty.http.client.HttpClientRequest", false, loader);
            Class<?> headers = Class.forName("io.netty.handler.codec.http.HttpHeaders", false, loader);
            return new Method[] {
                request.getMethod("resourceUrl"),
                request.getMethod("requestHeaders"),
                headers.getMethod("get", String.class),
                headers.getMethod("set", String.class, Object.class),
                headers.getMethod("remove", String.class)
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected Reactor Netty API", e);
        }
    }
}
