package dev.vaultoidc.core.oidc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fields to write to a role. Only the fields set here are sent: on create Vault defaults the ttl to 24h
 * and generates a client ID (spec §7.5); on update the other fields keep their values. Unlike hvac's
 * {@code create_or_update_role}, the ttl is not resent (spec §8.3 Q4). Immutable.
 *
 * <pre>{@code
 * RoleRequest.builder().key("service-key").ttl(Duration.ofMinutes(15))
 *     .template("{\"team\": {{identity.entity.metadata.team}}}").build()
 * }</pre>
 */
public final class RoleRequest {

    private final Map<String, Object> body;

    private RoleRequest(Map<String, Object> body) {
        this.body = Map.copyOf(body);
    }

    /** An empty request. A role needs a key when it is created. */
    public static Builder builder() {
        return new Builder();
    }

    Map<String, Object> body() {
        return body;
    }

    @Override
    public String toString() {
        return "RoleRequest" + new java.util.TreeMap<>(body);
    }

    /** Builds a {@link RoleRequest}; every setter is optional. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();

        private Builder() {
        }

        /** The named key that signs the role's tokens (required on create). */
        public Builder key(String key) {
            body.put("key", Wire.name(key, "key"));
            return this;
        }

        /**
         * The claims template: a JSON object, optionally base64-encoded, with identity template variables.
         * {@code ""} removes the template.
         */
        public Builder template(String template) {
            body.put("template", Objects.requireNonNull(template, "template"));
            return this;
        }

        /** Token lifetime; at most the key's verification_ttl (Vault checks). Whole seconds. */
        public Builder ttl(Duration ttl) {
            body.put("ttl", Wire.seconds(ttl, "ttl"));
            return this;
        }

        /** The client ID (token audience); {@code ""} lets Vault generate one. */
        public Builder clientId(String clientId) {
            body.put("client_id", Objects.requireNonNull(clientId, "clientId"));
            return this;
        }

        /** Builds the request. */
        public RoleRequest build() {
            return new RoleRequest(body);
        }
    }
}
