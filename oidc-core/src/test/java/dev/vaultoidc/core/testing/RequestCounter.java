package dev.vaultoidc.core.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Counts the requests a client sends, by path, on the client's side: the emulator keeps a request
 * log, OpenBao does not, so tests that count logins or renewals on both servers count here.
 */
public final class RequestCounter implements Interceptor {

    private final List<String> paths = new CopyOnWriteArrayList<>();

    /** An OkHttp client that records through this counter; give it to {@code VaultClient.Builder.okHttpClient}. */
    public OkHttpClient http() {
        // A network interceptor: it sees every attempt on the wire, retries included.
        return new OkHttpClient.Builder().addNetworkInterceptor(this).build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        paths.add(chain.request().url().encodedPath());
        return chain.proceed(chain.request());
    }

    /** How many requests went to {@code /v1/<path>} (namespace header aside, paths are namespace-relative). */
    public long count(String path) {
        return paths.stream().filter(p -> p.equals("/v1/" + path)).count();
    }
}
