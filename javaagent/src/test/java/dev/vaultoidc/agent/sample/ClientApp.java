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
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * An unmodified client program: calls an echo server with each HTTP client (JDK HttpClient sync and async,
 * HttpURLConnection, OkHttp, Apache HttpClient 5 classic and async) for a listed host, an unlisted host, a preset Authorization header and a redirect to
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
        HttpClient jdk = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        OkHttpClient ok = new OkHttpClient();
        CloseableHttpClient apache = HttpClients.createDefault();
        CloseableHttpAsyncClient apacheAsync = HttpAsyncClients.createDefault();
        apacheAsync.start();
        for (String[] c : cases) {
            System.out.println("RESULT jdk-sync/" + c[0] + " "
                    + jdk.send(jdkRequest(c[1], c[2]), HttpResponse.BodyHandlers.ofString())
                            .body());
            System.out.println("RESULT jdk-async/" + c[0] + " "
                    + jdk.sendAsync(jdkRequest(c[1], c[2]), HttpResponse.BodyHandlers.ofString())
                            .join()
                            .body());
            System.out.println("RESULT url-connection/" + c[0] + " " + urlConnection(c[1], c[2]));
            Request.Builder r = new Request.Builder().url(c[1]);
            if (c[2] != null) {
                r.header("Authorization", c[2]);
            }
            try (Response response = ok.newCall(r.build()).execute()) {
                System.out.println(
                        "RESULT okhttp/" + c[0] + " " + response.body().string());
            }
            HttpGet get = new HttpGet(c[1]);
            if (c[2] != null) {
                get.setHeader("Authorization", c[2]);
            }
            System.out.println("RESULT apache-classic/" + c[0] + " "
                    + apache.execute(get, response -> EntityUtils.toString(response.getEntity())));
            SimpleRequestBuilder async = SimpleRequestBuilder.get(c[1]);
            if (c[2] != null) {
                async.setHeader("Authorization", c[2]);
            }
            SimpleHttpResponse asyncResponse =
                    apacheAsync.execute(async.build(), null).get();
            System.out.println("RESULT apache-async/" + c[0] + " " + asyncResponse.getBodyText());
            String preset = c[2];
            String body = reactor.netty.http.client.HttpClient.create()
                    .followRedirect(true)
                    .headers(h -> {
                        if (preset != null) {
                            h.set("Authorization", preset);
                        }
                    })
                    .get()
                    .uri(c[1])
                    .responseContent()
                    .aggregate()
                    .asString()
                    .block();
            System.out.println("RESULT reactor-netty/" + c[0] + " " + body);
        }
        apache.close();
        apacheAsync.close();
        System.out.println("DONE");
        System.exit(0); // Reactor Netty's event loops are not daemons
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
