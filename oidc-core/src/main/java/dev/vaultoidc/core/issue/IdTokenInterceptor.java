package dev.vaultoidc.core.issue;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp interceptor that adds {@code Authorization: Bearer <ID token>} to requests for the configured
 * hosts only (exact host, optionally port). Requests to any other host pass untouched.
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder()
 *     .addInterceptor(IdTokenInterceptor.forHosts(idTokens, "billing.internal", "ledger.internal:8443"))
 *     .build();
 * }</pre>
 *
 * <p>Redirects: as an application interceptor ({@code addInterceptor}) it sees only the original request,
 * and OkHttp drops {@code Authorization} when it follows a redirect to another host, port or scheme. As a
 * network interceptor ({@code addNetworkInterceptor}) every hop is checked against the hosts. Either way a
 * redirect never carries the token to a host that is not configured. If the token cannot be had,
 * {@link IdTokenException} propagates from the call.
 */
public final class IdTokenInterceptor implements Interceptor {

    private final Supplier<String> tokens;
    private final BearerHosts hosts;

    private IdTokenInterceptor(Supplier<String> tokens, BearerHosts hosts) {
        this.tokens = tokens;
        this.hosts = hosts;
    }

    /**
     * An interceptor adding the tokens of {@code tokens} (e.g. an {@link IdTokenSupplier}) for {@code hosts}:
     * {@code "host"} (any port) or {@code "host:port"}; IPv6 as {@code "[::1]:8443"}.
     */
    public static IdTokenInterceptor forHosts(Supplier<String> tokens, String... hosts) {
        return new IdTokenInterceptor(Objects.requireNonNull(tokens, "tokens"), BearerHosts.parse(List.of(hosts)));
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        if (!hosts.allows(url.host(), url.port())) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder()
                .header("Authorization", "Bearer " + tokens.get())
                .build());
    }

    @Override
    public String toString() {
        return "IdTokenInterceptor[hosts=" + hosts + "]";
    }
}
