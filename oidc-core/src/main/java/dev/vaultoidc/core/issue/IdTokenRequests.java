package dev.vaultoidc.core.issue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Adds {@code Authorization: Bearer <ID token>} to {@link java.net.http.HttpClient} requests for the
 * configured hosts only (exact host, optionally port).
 *
 * <pre>{@code
 * IdTokenRequests auth = IdTokenRequests.forHosts(idTokens, "billing.internal");
 * HttpResponse<String> r = auth.send(http, HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>Redirects: when the JDK client (17) follows a redirect it carries the request's headers, Authorization
 * included, to whatever host the redirect names. {@link #send} and {@link #sendAsync} therefore refuse a client
 * that follows redirects. If you use {@link #authorize(HttpRequest)} directly, send the result with a
 * client built with {@code HttpClient.Redirect.NEVER} (the JDK's default).
 */
public final class IdTokenRequests {

    private final Supplier<String> tokens;
    private final BearerHosts hosts;

    private IdTokenRequests(Supplier<String> tokens, BearerHosts hosts) {
        this.tokens = tokens;
        this.hosts = hosts;
    }

    /** As {@link IdTokenInterceptor#forHosts(Supplier, String...)}. */
    public static IdTokenRequests forHosts(Supplier<String> tokens, String... hosts) {
        return new IdTokenRequests(Objects.requireNonNull(tokens, "tokens"), BearerHosts.parse(List.of(hosts)));
    }

    /** {@code request} with the bearer header when its host is configured, else {@code request} itself. */
    public HttpRequest authorize(HttpRequest request) {
        URI uri = request.uri();
        if (!allows(uri)) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", "Bearer " + tokens.get())
                .build();
    }

    /**
     * Sends {@code request} through {@code client}, authorized for configured hosts.
     *
     * @throws IllegalArgumentException if {@code client} follows redirects (the token could follow them)
     */
    public <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return noRedirects(client).send(authorize(request), handler);
    }

    /** As {@link #send}, asynchronously. */
    public <T> java.util.concurrent.CompletableFuture<HttpResponse<T>> sendAsync(
            HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return noRedirects(client).sendAsync(authorize(request), handler);
    }

    private boolean allows(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return hosts.allows(uri.getHost(), port);
    }

    private static HttpClient noRedirects(HttpClient client) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient follows redirects (" + client.followRedirects()
                    + "), which would carry the ID token to whatever host a redirect names; use Redirect.NEVER");
        }
        return client;
    }

    @Override
    public String toString() {
        return "IdTokenRequests[hosts=" + hosts + "]";
    }
}
