package dev.vaultoidc.spring;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The reactive counterpart of {@link VaultOidcOutageServletFilter}: ordered before Spring Security's
 * {@code WebFilterChainProxy}, it turns an authentication failure caused by unavailable Vault keys into 503 with
 * {@code Retry-After}, instead of the 500 that Spring Security's rethrown {@code AuthenticationServiceException}
 * would become (with a stack trace logged per request).
 */
final class VaultOidcOutageWebFilter implements WebFilter, Ordered {
    /** Just before Spring Security's {@code WebFilterChainProxy} (order -100). */
    static final int ORDER = -101;

    private final VaultOidcOutage outage;

    VaultOidcOutageWebFilter(VaultOidcOutage outage) {
        this.outage = outage;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorResume(VaultOidcOutage::isOutage, e -> write(exchange.getResponse(), e));
    }

    private Mono<Void> write(ServerHttpResponse response, Throwable e) {
        if (response.isCommitted()) {
            return Mono.error(e);
        }
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        HttpHeaders h = response.getHeaders();
        h.set(HttpHeaders.RETRY_AFTER, outage.retryAfterSeconds());
        h.set(HttpHeaders.WWW_AUTHENTICATE, outage.challenge());
        h.set(HttpHeaders.CACHE_CONTROL, "no-store");
        h.setContentType(MediaType.APPLICATION_JSON);
        DataBuffer body = response.bufferFactory().wrap(VaultOidcOutage.body().getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
