package dev.vaultoidc.core.internal.http;

import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.core.http.RetryPolicy.Sleeper;
import dev.vaultoidc.core.http.VaultOperations;
import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The wiring between a configured {@link OkHttpClient} and {@link VaultOperations}: base URL,
 * namespace, list mode and retries. Internal wiring assembled by {@code VaultClient} and the token
 * session; applications use {@code VaultClient} instead.
 *
 * <p>Interceptor order: retries are outermost so that each attempt passes through the extra
 * interceptors (e.g. authentication, which may then pick up a renewed token).
 */
public final class VaultTransport {

    private final OkHttpClient httpClient;
    private final HttpUrl base;
    private final String namespace;
    private final ListMode listMode;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * Creates a transport.
     *
     * @param httpClient  timeouts, TLS and connection pool; interceptors are added to a derived copy
     * @param address     Vault's address, e.g. {@code https://vault:8200}; a trailing slash and a path
     *                    prefix (for a reverse proxy) are allowed
     * @param namespace   the namespace sent as {@code X-Vault-Namespace}, or null
     * @param listMode    how lists are sent
     * @param retryPolicy when to retry
     * @param sleeper     how to wait between attempts
     * @param clock       time source for the retry deadline
     */
    public VaultTransport(
            OkHttpClient httpClient,
            String address,
            String namespace,
            ListMode listMode,
            RetryPolicy retryPolicy,
            Sleeper sleeper,
            Clock clock) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.base = baseUrl(address);
        this.namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
        this.listMode = Objects.requireNonNull(listMode, "listMode");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Parses and checks an address; returns the {@code .../v1/} base. */
    public static HttpUrl baseUrl(String address) {
        Objects.requireNonNull(address, "address");
        HttpUrl url = HttpUrl.parse(address.strip());
        if (url == null) {
            throw new IllegalArgumentException("address must be an http or https URL: " + address);
        }
        if (url.query() != null || url.username().length() > 0 || url.password().length() > 0) {
            throw new IllegalArgumentException("address must not carry a query or credentials");
        }
        java.util.List<String> segments = new java.util.ArrayList<>(url.encodedPathSegments());
        // A trailing slash leaves an empty last segment; "https://vault:8200/" is the same address.
        segments.removeIf(String::isEmpty);
        HttpUrl.Builder b = url.newBuilder().encodedPath("/");
        segments.forEach(b::addEncodedPathSegment);
        return b.addPathSegment("v1").build();
    }

    /**
     * Operations over this transport with {@code extra} interceptors placed inside the retry loop
     * (e.g. the authentication interceptor). The returned operations share the connection pool.
     */
    public VaultOperations operations(Interceptor... extra) {
        OkHttpClient.Builder b = httpClient
                .newBuilder()
                // A redirect would carry X-Vault-Token to whatever host it names; Vault standbys forward
                // requests to the active node themselves, so following redirects is not needed.
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(new RetryInterceptor(retryPolicy, sleeper, clock))
                .addInterceptor(new VaultHeadersInterceptor(namespace));
        for (Interceptor i : extra) {
            b.addInterceptor(i);
        }
        return new OkHttpVaultOperations(b.build(), base, listMode);
    }
}
