package dev.vaultoidc.spring;

import dev.vaultoidc.core.issue.BearerHosts;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import java.util.Objects;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@code WebClient} filter that sends this service's Vault ID token ({@code Authorization: Bearer}) to the hosts
 * in {@code vault.oidc.id-token.hosts} only; requests to any other host leave unchanged. Add it to your builder:
 * {@code webClientBuilder.filter(vaultOidcIdTokenExchangeFilter)}.
 *
 * <p>Never blocks an event loop: {@link IdTokenSupplier#get()} answers from its cache and refreshes in the
 * background, but its first call (or one after a long outage) waits for Vault. On a Reactor non-blocking thread the
 * token is therefore fetched on {@code boundedElastic}; elsewhere (a servlet thread using WebClient) in place.
 * Reactor Netty does not follow redirects unless told to; if you enable it, the token could follow a redirect to
 * another host.
 */
public final class VaultOidcIdTokenExchangeFilter implements ExchangeFilterFunction {
    private final IdTokenSupplier tokens;
    private final BearerHosts hosts;

    VaultOidcIdTokenExchangeFilter(IdTokenSupplier tokens, BearerHosts hosts) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        if (!hosts.allows(request.url())) {
            return next.exchange(request);
        }
        return Mono.defer(() -> {
                    Mono<String> token = Mono.fromCallable(tokens::get);
                    return Schedulers.isInNonBlockingThread() ? token.subscribeOn(Schedulers.boundedElastic()) : token;
                })
                .flatMap(t -> next.exchange(ClientRequest.from(request)
                        .headers(h -> h.setBearerAuth(t))
                        .build()));
    }

    @Override
    public String toString() {
        return "VaultOidcIdTokenExchangeFilter[hosts=" + hosts + "]";
    }
}
