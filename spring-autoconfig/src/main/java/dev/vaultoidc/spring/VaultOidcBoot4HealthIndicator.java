package dev.vaultoidc.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Boot 4 ({@code org.springframework.boot.health.contributor}, where Boot 4 moved the health API) view of
 * {@link VaultOidcHealth}. Compiled against Boot 4's {@code spring-boot-health} jar alone; loaded only on Boot 4.
 */
final class VaultOidcBoot4HealthIndicator implements HealthIndicator {
    private final VaultOidcHealth health;

    VaultOidcBoot4HealthIndicator(VaultOidcHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        VaultOidcHealth.Result r = health.check();
        return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
    }
}
