package dev.vaultoidc.spring;

import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.issue.IdTokenListener;
import dev.vaultoidc.core.verify.VerificationFailure;
import dev.vaultoidc.core.verify.VerificationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Micrometer meters fed by the verifier's {@link VerificationListener} events:
 * <ul>
 *   <li>{@code vault.oidc.verifications} (counter; tags {@code issuer}, {@code outcome}=accepted|rejected,
 *       {@code cache}=hit|miss for accepted tokens, {@code reason} for rejected ones);</li>
 *   <li>{@code vault.oidc.jwks.fetches} (counter; {@code issuer}, {@code result}=success|failure, {@code forced});</li>
 *   <li>{@code vault.oidc.jwks.refresh.rate.limited} and {@code vault.oidc.jwks.stale.used} (counters; {@code issuer}).</li>
 *   <li>{@code vault.oidc.id-token.fetches} (counter, from the {@link IdTokenListener} events of this service's own
 *       ID-token supplier; tags {@code role}, {@code result}=success|failure, {@code serving}=fresh|cached|none and
 *       {@code reason} (the Vault error reason) on failures only: a success has no reason tag).</li>
 * </ul>
 * Counters are looked up once per tag combination and then kept, so the hot path adds a map lookup and an
 * increment. Tag values are bounded: issuers are the configured allow-list, reasons an enum.
 */
final class VaultOidcMetrics implements VerificationListener, IdTokenListener {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    VaultOidcMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onVerified(String issuer, boolean fromCache) {
        counter(
                        "vault.oidc.verifications",
                        "Vault ID tokens verified",
                        "issuer",
                        issuer,
                        "outcome",
                        "accepted",
                        "cache",
                        fromCache ? "hit" : "miss")
                .increment();
    }

    @Override
    public void onRejected(String issuer, VerificationFailure reason) {
        counter(
                        "vault.oidc.verifications",
                        "Vault ID tokens verified",
                        "issuer",
                        issuer == null ? "none" : issuer,
                        "outcome",
                        "rejected",
                        "reason",
                        reason.name())
                .increment();
    }

    @Override
    public void onJwksFetched(String issuer, int keyCount, boolean forced) {
        counter(
                        "vault.oidc.jwks.fetches",
                        "Discovery and JWKS fetches from Vault",
                        "issuer",
                        issuer,
                        "result",
                        "success",
                        "forced",
                        Boolean.toString(forced))
                .increment();
    }

    @Override
    public void onJwksFetchFailed(String issuer, String error) {
        counter(
                        "vault.oidc.jwks.fetches",
                        "Discovery and JWKS fetches from Vault",
                        "issuer",
                        issuer,
                        "result",
                        "failure",
                        "forced",
                        "false")
                .increment();
    }

    @Override
    public void onRefreshRateLimited(String issuer) {
        counter(
                        "vault.oidc.jwks.refresh.rate.limited",
                        "Unknown-kid refreshes deferred by the rate limit",
                        "issuer",
                        issuer)
                .increment();
    }

    @Override
    public void onStaleKeysUsed(String issuer, Duration keyAge) {
        counter(
                        "vault.oidc.jwks.stale.used",
                        "Verifications that used keys past their TTL (Vault unreachable)",
                        "issuer",
                        issuer)
                .increment();
    }

    @Override
    public void onFetched(String role, Instant expiresAt) {
        counter(
                        "vault.oidc.id-token.fetches",
                        "ID tokens fetched from Vault for this service",
                        "role",
                        role,
                        "result",
                        "success",
                        "serving",
                        "fresh")
                .increment();
    }

    @Override
    public void onFetchFailed(String role, boolean servingCached, RuntimeException failure) {
        String reason = failure instanceof VaultException v
                ? v.reason().name()
                : failure.getClass().getSimpleName();
        counter(
                        "vault.oidc.id-token.fetches",
                        "ID tokens fetched from Vault for this service",
                        "role",
                        role,
                        "result",
                        "failure",
                        "serving",
                        servingCached ? "cached" : "none",
                        "reason",
                        reason)
                .increment();
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + '|' + String.join("|", tags);
        return counters.computeIfAbsent(key, (Function<String, Counter>)
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
