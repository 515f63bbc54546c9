package dev.vaultoidc.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The bearer header reaches configured hosts and nothing else, redirects included. */
class OutboundBearerTest {

    @StartStop
    private final MockWebServer trusted = new MockWebServer();

    @StartStop
    private final MockWebServer other = new MockWebServer();

    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Supplier<String> tokens = () -> {
        tokenCalls.incrementAndGet();
        return "id-token-1";
    };

    private String trustedHostPort() {
        return trusted.getHostName() + ":" + trusted.getPort();
    }

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).body("ok").build();
    }

    private static String authorization(RecordedRequest r) {
        return r.getHeaders().get("Authorization");
    }

    private void call(OkHttpClient http, MockWebServer server) throws Exception {
        try (Response r = http.newCall(
                        new Request.Builder().url(server.url("/api")).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    @Test
    void okHttpAddsTheTokenOnlyForTheConfiguredHostAndPort() throws Exception {
        trusted.enqueue(ok());
        other.enqueue(ok());
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(IdTokenInterceptor.forHosts(tokens, trustedHostPort()))
                .build();

        call(http, trusted);
        call(http, other); // same host name, other port

        assertThat(authorization(trusted.takeRequest())).isEqualTo("Bearer id-token-1");
        assertThat(authorization(other.takeRequest())).isNull();
        assertThat(tokenCalls).as("no token fetched for a host that gets none").hasValue(1);
    }

    @Test
    void okHttpRedirectToAnotherHostDoesNotCarryTheToken() throws Exception {
        for (boolean network : new boolean[] {false, true}) {
            trusted.enqueue(new MockResponse.Builder()
                    .code(302)
                    .setHeader("Location", other.url("/landing"))
                    .build());
            other.enqueue(ok());
            IdTokenInterceptor interceptor = IdTokenInterceptor.forHosts(tokens, trustedHostPort());
            OkHttpClient.Builder b = new OkHttpClient.Builder();
            OkHttpClient http =
                    (network ? b.addNetworkInterceptor(interceptor) : b.addInterceptor(interceptor)).build();

            call(http, trusted);

            assertThat(authorization(trusted.takeRequest(5, TimeUnit.SECONDS))).isEqualTo("Bearer id-token-1");
            RecordedRequest landed = other.takeRequest(5, TimeUnit.SECONDS);
            assertThat(landed.getUrl().encodedPath()).isEqualTo("/landing");
            assertThat(authorization(landed))
                    .as("network interceptor: %s", network)
                    .isNull();
        }
    }

    @Test
    void jdkClientAddsTheTokenOnlyForTheConfiguredHost() throws Exception {
        trusted.enqueue(ok());
        other.enqueue(ok());
        IdTokenRequests auth = IdTokenRequests.forHosts(tokens, trustedHostPort());
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> r1 = auth.send(
                http,
                HttpRequest.newBuilder(URI.create(trusted.url("/a").toString()))
                        .header("Authorization", "Basic stale")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpRequest toOther =
                HttpRequest.newBuilder(URI.create(other.url("/b").toString())).build();
        auth.send(http, toOther, HttpResponse.BodyHandlers.ofString());

        assertThat(r1.statusCode()).isEqualTo(200);
        assertThat(trusted.takeRequest().getHeaders().values("Authorization")).containsExactly("Bearer id-token-1");
        assertThat(authorization(other.takeRequest())).isNull();
        assertThat(auth.authorize(toOther)).isSameAs(toOther);
    }

    @Test
    void jdkClientThatFollowsRedirectsIsRefused() {
        IdTokenRequests auth = IdTokenRequests.forHosts(tokens, trustedHostPort());
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        assertThatThrownBy(() -> auth.send(
                        following,
                        HttpRequest.newBuilder(URI.create(trusted.url("/").toString()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokenCalls).hasValue(0);
    }

    @Test
    void hostRulesAreExact() {
        BearerHosts hosts = BearerHosts.parse(java.util.List.of("API.internal", "[::1]:8443", "svc:9000"));

        assertThat(hosts.allows("api.internal", 443)).isTrue();
        assertThat(hosts.allows("evil-api.internal", 443)).isFalse();
        assertThat(hosts.allows("api.internal.evil.com", 443)).isFalse();
        assertThat(hosts.allows("[::1]", 8443)).isTrue();
        assertThat(hosts.allows("::1", 8080)).isFalse();
        assertThat(hosts.allows("svc", 9000)).isTrue();
        assertThat(hosts.allows("svc", 9001)).isFalse();
        assertThatThrownBy(() -> BearerHosts.parse(java.util.List.of("*.internal")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerHosts.parse(java.util.List.of("::1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerHosts.parse(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
