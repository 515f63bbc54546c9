package dev.vaultoidc.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Boot 3 reactive view of {@link VaultOidcHealth}, for WebFlux apps: the check calls Vault's {@code sys/health}
 * (blocking I/O), so it runs on {@code boundedElastic}, never on the event loop.
 */
final class VaultOidcReactiveHealthIndicator implements ReactiveHealthIndicator {
    private final VaultOidcHealth health;

    VaultOidcReactiveHealthIndicator(VaultOidcHealth health) {
        this.health = health;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromCallable(health::check)
                .subscribeOn(Schedulers.boundedElastic())
                .map(r -> (r.up() ? Health.up() : Health.down())
                        .withDetails(r.details())
                        .build());
    }
}
