package dev.vaultoidc.core.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Adds the headers every Vault request carries. */
final class VaultHeadersInterceptor implements Interceptor {

    private final String namespace;

    VaultHeadersInterceptor(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request.Builder request = chain.request()
                .newBuilder()
                // Vault's own clients send it; Vault can be configured to require it as SSRF protection.
                .header("X-Vault-Request", "true");
        if (namespace != null && chain.request().header("X-Vault-Namespace") == null) {
            request.header("X-Vault-Namespace", namespace);
        }
        return chain.proceed(request.build());
    }
}
