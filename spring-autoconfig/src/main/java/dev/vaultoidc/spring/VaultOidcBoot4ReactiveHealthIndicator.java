package dev.vaultoidc.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Boot 4 reactive view of {@link VaultOidcHealth} (see {@link VaultOidcReactiveHealthIndicator}); compiled against
 * Boot 4's {@code spring-boot-health} jar alone, loaded only on Boot 4.
 */
final class VaultOidcBoot4ReactiveHealthIndicator implements ReactiveHealthIndicator {
    private final VaultOidcHealth health;

    VaultOidcBoot4ReactiveHealthIndicator(VaultOidcHealth health) {
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
