package dev.vaultoidc.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One GET to a protected service, with an optional bearer token, and what came back. */
record ServiceCall(int status, String body, String wwwAuthenticate) {

    // Redirects are never followed: the bearer token must reach only the service it was meant for.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static ServiceCall get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ServiceCall(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + url, e);
        }
    }

    /** A one-line summary: status, then the body or the challenge. */
    String summary() {
        StringBuilder s = new StringBuilder("HTTP ").append(status);
        if (body != null && !body.isBlank()) {
            s.append(", body: ").append(body.strip());
        }
        if (wwwAuthenticate != null) {
            s.append(", WWW-Authenticate: ").append(wwwAuthenticate);
        }
        return s.toString();
    }
}
