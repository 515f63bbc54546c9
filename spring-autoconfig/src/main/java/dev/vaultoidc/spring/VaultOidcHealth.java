package dev.vaultoidc.spring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.verify.SignatureProvider;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.TokenVerifier.JwksHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both health indicators (Boot 3's and Boot 4's API) report, computed without any Boot type.
 *
 * <p>Down when the verifier has no usable keys for some issuer (requests then fail closed) or, without a verifier,
 * when Vault cannot be reached. A Vault that is unreachable while cached keys are still usable is reported in the
 * details but stays up: requests still verify, and taking every instance out of rotation for Vault's blip would
 * turn a degraded dependency into an outage.
 */
final class VaultOidcHealth {
    /** The outcome: up or down, and the details to show. */
    record Result(boolean up, Map<String, Object> details) {}

    private final TokenVerifier verifier;
    private final VaultClient vault;
    private final Clock clock;

    VaultOidcHealth(TokenVerifier verifier, VaultClient vault, Clock clock) {
        this.verifier = verifier;
        // A probe must answer quickly: no retries, short timeouts; same address, namespace and token session.
        this.vault = vault == null
                ? null
                : vault.newBuilder()
                        .retryPolicy(RetryPolicy.none())
                        .connectTimeout(Duration.ofSeconds(2))
                        .readTimeout(Duration.ofSeconds(2))
                        .callTimeout(Duration.ofSeconds(3))
                        .build();
        this.clock = clock;
    }

    Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        if (verifier != null) {
            List<Map<String, Object>> issuers = new ArrayList<>();
            for (JwksHealth h : verifier.health()) {
                issuers.add(issuer(h));
                up &= h.ready();
            }
            details.put("issuers", issuers);
            details.put("signatures", signatures(verifier.signatureStatus()));
        }
        if (vault != null) {
            Map<String, Object> v = vault();
            details.put("vault", v);
            if (verifier == null) {
                up = Boolean.TRUE.equals(v.get("reachable")) && !Boolean.TRUE.equals(v.get("sealed"));
            }
        }
        return new Result(up, details);
    }

    private Map<String, Object> issuer(JwksHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", h.issuer());
        m.put("ready", h.ready());
        m.put("keyCount", h.keyCount());
        putInstant(m, "lastSuccessfulFetch", h.lastSuccessfulFetch());
        if (h.lastSuccessfulFetch() != null) {
            m.put(
                    "keyAgeSeconds",
                    Math.max(
                            0,
                            Duration.between(h.lastSuccessfulFetch(), clock.instant())
                                    .toSeconds()));
        }
        putInstant(m, "lastAttempt", h.lastAttempt());
        if (h.lastError() != null) {
            m.put("lastError", h.lastError());
        }
        putInstant(m, "freshUntil", h.freshUntil());
        putInstant(m, "usableUntil", h.usableUntil());
        return m;
    }

    /** Which provider checks signatures; a fallback is shown, but never takes the service down (the JDK works). */
    private static Map<String, Object> signatures(SignatureProvider.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", s.requested().name().toLowerCase(java.util.Locale.ROOT));
        m.put("active", s.active().name().toLowerCase(java.util.Locale.ROOT));
        if (s.nativeProvider() != null) {
            m.put("nativeProvider", s.nativeProvider());
            m.put("nativeAlgorithms", List.copyOf(s.nativeAlgorithms()));
        }
        if (s.fallback() != null) {
            m.put("fallback", s.fallback().name());
            m.put("fallbackDetail", s.fallbackDetail());
        }
        return m;
    }

    private Map<String, Object> vault() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", vault.address());
        try {
            JsonNode h = vault.logical().readRaw("sys/health");
            m.put("reachable", true);
            m.put("sealed", h.path("sealed").asBoolean(false));
            m.put("standby", h.path("standby").asBoolean(false));
            if (h.hasNonNull("version")) {
                m.put("version", h.get("version").asText());
            }
        } catch (VaultException e) {
            // sys/health encodes the node's state in the status (Vault's sys/health API).
            switch (e.status()) {
                case 429, 472, 473 -> {
                    m.put("reachable", true);
                    m.put("sealed", false);
                    m.put("standby", true);
                    return m;
                }
                case 503 -> {
                    m.put("reachable", true);
                    m.put("sealed", true);
                }
                case 501 -> {
                    m.put("reachable", true);
                    m.put("initialized", false);
                }
                default -> m.put("reachable", false);
            }
            m.put("error", e.reason() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
        }
        return m;
    }

    private static void putInstant(Map<String, Object> m, String key, Instant value) {
        if (value != null) {
            // Strings, so the JSON looks the same under Jackson 2 (Boot 3) and Jackson 3 (Boot 4).
            m.put(key, value.toString());
        }
    }
}
