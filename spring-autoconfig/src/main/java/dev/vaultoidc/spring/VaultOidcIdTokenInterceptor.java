package dev.vaultoidc.spring;

import dev.vaultoidc.core.issue.BearerHosts;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import java.io.IOException;
import java.util.Objects;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@code RestClient}/{@code RestTemplate} interceptor that sends this service's Vault ID token
 * ({@code Authorization: Bearer}) to the hosts in {@code vault.oidc.id-token.hosts} only. Add it to your builder:
 * {@code restClientBuilder.requestInterceptor(vaultOidcIdTokenInterceptor)} or
 * {@code restTemplate.getInterceptors().add(...)}. Shares the {@link IdTokenSupplier} bean with the WebClient filter.
 * Use a request factory that does not follow redirects to other hosts, or the token could follow them.
 */
public final class VaultOidcIdTokenInterceptor implements ClientHttpRequestInterceptor {
    private final IdTokenSupplier tokens;
    private final BearerHosts hosts;

    VaultOidcIdTokenInterceptor(IdTokenSupplier tokens, BearerHosts hosts) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (hosts.allows(request.getURI())) {
            request.getHeaders().setBearerAuth(tokens.get());
        }
        return execution.execute(request, body);
    }

    @Override
    public String toString() {
        return "VaultOidcIdTokenInterceptor[hosts=" + hosts + "]";
    }
}
