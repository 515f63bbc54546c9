package dev.vaultoidc.core.oidc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields to write to a named key. Only the fields set here are sent, so an update never resets what the
 * caller did not mention, and on create Vault applies its own defaults (24h, 24h, RS256, no clients;
 * spec §7.3). This is the opposite of hvac's {@code create_named_key}, which resends its defaults on every
 * call (spec §8.3 Q4). Immutable.
 *
 * <pre>{@code
 * NamedKeyRequest.builder().algorithm(KeyAlgorithm.ES256).allowedClientIds("*").build()
 * }</pre>
 */
public final class NamedKeyRequest {

    private final Map<String, Object> body;

    private NamedKeyRequest(Map<String, Object> body) {
        this.body = Map.copyOf(body);
    }

    /** An empty request: all fields left to Vault. */
    public static Builder builder() {
        return new Builder();
    }

    Map<String, Object> body() {
        return body;
    }

    @Override
    public String toString() {
        return "NamedKeyRequest" + new java.util.TreeMap<>(body);
    }

    /** Builds a {@link NamedKeyRequest}; every setter is optional. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();

        private Builder() {
        }

        /** How often Vault rotates the key; at least one minute (Vault checks). Whole seconds. */
        public Builder rotationPeriod(Duration period) {
            body.put("rotation_period", Wire.seconds(period, "rotationPeriod"));
            return this;
        }

        /** How long rotated-out keys stay published; at most 10 × rotation period (Vault checks). Whole seconds. */
        public Builder verificationTtl(Duration ttl) {
            body.put("verification_ttl", Wire.seconds(ttl, "verificationTtl"));
            return this;
        }

        /** The signing algorithm; changing it on an existing key generates new key material. */
        public Builder algorithm(KeyAlgorithm algorithm) {
            body.put("algorithm", Objects.requireNonNull(algorithm, "algorithm").vaultName());
            return this;
        }

        /** The role client IDs allowed to use the key: {@code "*"} for all; none for no role. */
        public Builder allowedClientIds(String... clientIds) {
            return allowedClientIds(List.of(clientIds));
        }

        /** As {@link #allowedClientIds(String...)}. */
        public Builder allowedClientIds(List<String> clientIds) {
            body.put("allowed_client_ids", List.copyOf(clientIds));
            return this;
        }

        /** Builds the request. */
        public NamedKeyRequest build() {
            return new NamedKeyRequest(body);
        }
    }
}
