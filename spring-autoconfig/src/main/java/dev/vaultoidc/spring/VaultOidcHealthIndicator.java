package dev.vaultoidc.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Boot 3 ({@code org.springframework.boot.actuate.health}) view of {@link VaultOidcHealth}. */
final class VaultOidcHealthIndicator implements HealthIndicator {
    private final VaultOidcHealth health;

    VaultOidcHealthIndicator(VaultOidcHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        VaultOidcHealth.Result r = health.check();
        return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
    }
}
