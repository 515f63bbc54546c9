package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The fields to write to a named key. Only the fields set here are sent, so an update never resets what the
 * caller did not mention, and on create Vault applies its own defaults (24h, 24h, RS256, no clients;
 * spec §7.3). This is the opposite of hvac's {@code create_named_key}, which resends its defaults on every
 * call (spec §8.3 Q4). Immutable; written like the identity requests, a record whose null fields are not
 * sent.
 *
 * <pre>{@code
 * NamedKeyRequest.builder().algorithm(OidcAdmin.KeyAlgorithm.ES256).allowedClientIds("*").build()
 * }</pre>
 *
 * @param rotationPeriodSeconds  how often Vault rotates the key, in seconds; null to not send
 * @param verificationTtlSeconds how long rotated-out keys stay published, in seconds; null to not send
 * @param algorithm              the signing algorithm; null to not send
 * @param allowedClientIds       the role client IDs allowed to use the key; null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamedKeyRequest(
        @JsonProperty("rotation_period") Long rotationPeriodSeconds,
        @JsonProperty("verification_ttl") Long verificationTtlSeconds,
        @JsonProperty("algorithm") OidcAdmin.KeyAlgorithm algorithm,
        @JsonProperty("allowed_client_ids") List<String> allowedClientIds) {

    /** Copies the list so the request stays immutable; null stays null (not sent). */
    public NamedKeyRequest {
        allowedClientIds = allowedClientIds == null ? null : List.copyOf(allowedClientIds);
    }

    /** An empty request: all fields left to Vault. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NamedKeyRequest}; every setter is optional. */
    public static final class Builder {
        private Long rotationPeriod;
        private Long verificationTtl;
        private OidcAdmin.KeyAlgorithm algorithm;
        private List<String> allowedClientIds;

        private Builder() {}

        /** How often Vault rotates the key; at least one minute (Vault checks). Whole seconds. */
        public Builder rotationPeriod(Duration period) {
            this.rotationPeriod = Wire.seconds(period, "rotationPeriod");
            return this;
        }

        /** How long rotated-out keys stay published; at most 10 × rotation period (Vault checks). Whole seconds. */
        public Builder verificationTtl(Duration ttl) {
            this.verificationTtl = Wire.seconds(ttl, "verificationTtl");
            return this;
        }

        /** The signing algorithm; changing it on an existing key generates new key material. */
        public Builder algorithm(OidcAdmin.KeyAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** The role client IDs allowed to use the key: {@code "*"} for all; none for no role. */
        public Builder allowedClientIds(String... clientIds) {
            return allowedClientIds(List.of(clientIds));
        }

        /** As {@link #allowedClientIds(String...)}. */
        public Builder allowedClientIds(List<String> clientIds) {
            this.allowedClientIds = List.copyOf(clientIds);
            return this;
        }

        /** Builds the request. */
        public NamedKeyRequest build() {
            return new NamedKeyRequest(rotationPeriod, verificationTtl, algorithm, allowedClientIds);
        }
    }
}
