package dev.vaultoidc.agent.sample;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An unmodified client program: calls an echo server with each HTTP client (JDK HttpClient sync and async,
 * HttpURLConnection, OkHttp) for a listed host, an unlisted host, a preset Authorization header and a redirect to
 * an unlisted host, and prints {@code RESULT <client>/<case> <body>}. It never adds a token itself.
 */
public final class ClientApp {
    private ClientApp() {}

    public static void main(String[] args) throws Exception {
        String listed = args[0];
        String unlisted = args[1];
        String[][] cases = {
            {"listed", listed + "/echo", null},
            {"unlisted", unlisted + "/echo", null},
            {"preset", listed + "/echo", "Bearer preset"},
            {"redirect-unlisted", listed + "/redirect?to=" + unlisted + "/echo", null},
            {"redirect-listed", unlisted + "/redirect?to=" + listed + "/echo", null},
        };
        HttpClient jdk = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        OkHttpClient ok = new OkHttpClient();
        for (String[] c : cases) {
            System.out.println("RESULT jdk-sync/" + c[0] + " " + jdk.send(jdkRequest(c[1], c[2]),
                    HttpResponse.BodyHandlers.ofString()).body());
            System.out.println("RESULT jdk-async/" + c[0] + " " + jdk.sendAsync(jdkRequest(c[1], c[2]),
                    HttpResponse.BodyHandlers.ofString()).join().body());
            System.out.println("RESULT url-connection/" + c[0] + " " + urlConnection(c[1], c[2]));
            Request.Builder r = new Request.Builder().url(c[1]);
            if (c[2] != null) {
                r.header("Authorization", c[2]);
            }
            try (Response response = ok.newCall(r.build()).execute()) {
                System.out.println("RESULT okhttp/" + c[0] + " " + response.body().string());
            }
        }
        System.out.println("DONE");
    }

    private static HttpRequest jdkRequest(String url, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b.build();
    }

    private static String urlConnection(String url, String auth) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (auth != null) {
            c.setRequestProperty("Authorization", auth);
        }
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
