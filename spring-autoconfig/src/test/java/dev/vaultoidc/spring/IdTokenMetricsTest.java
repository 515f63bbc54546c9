package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code vault.oidc.id-token.fetches} tags {@code reason} on failures only, as docs/spring-boot.md says. */
class IdTokenMetricsTest {

    @Test
    void successHasNoReasonTagAndFailureHasOne() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VaultOidcMetrics metrics = new VaultOidcMetrics(registry);

        metrics.onFetched("web", Instant.now());
        metrics.onFetchFailed("web", true, new IllegalStateException("down"));

        Counter success = registry.get("vault.oidc.id-token.fetches")
                .tag("result", "success")
                .counter();
        assertThat(success.getId().getTag("reason")).isNull();
        assertThat(success.count()).isEqualTo(1);
        Counter failure = registry.get("vault.oidc.id-token.fetches")
                .tag("result", "failure")
                .counter();
        assertThat(failure.getId().getTag("reason")).isEqualTo("IllegalStateException");
        assertThat(failure.getId().getTag("serving")).isEqualTo("cached");
    }
}
