package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * The fields to write to a role. Only the fields set here are sent: on create Vault defaults the ttl to 24h
 * and generates a client ID (spec §7.5); on update the other fields keep their values. Unlike hvac's
 * {@code create_or_update_role}, the ttl is not resent (spec §8.3 Q4). Immutable; written like the
 * identity requests, a record whose null fields are not sent.
 *
 * <pre>{@code
 * RoleRequest.builder().key("service-key").ttl(Duration.ofMinutes(15))
 *     .template("{\"team\": {{identity.entity.metadata.team}}}").build()
 * }</pre>
 *
 * @param key        the named key that signs the role's tokens; null to not send
 * @param template   the claims template; null to not send, {@code ""} to remove it
 * @param ttlSeconds the token lifetime in seconds; null to not send
 * @param clientId   the client ID (token audience); null to not send, {@code ""} to let Vault generate one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleRequest(
        @JsonProperty("key") String key,
        @JsonProperty("template") String template,
        @JsonProperty("ttl") Long ttlSeconds,
        @JsonProperty("client_id") String clientId) {

    /** An empty request. A role needs a key when it is created. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RoleRequest}; every setter is optional. */
    public static final class Builder {
        private String key;
        private String template;
        private Long ttl;
        private String clientId;

        private Builder() {}

        /** The named key that signs the role's tokens (required on create). */
        public Builder key(String key) {
            this.key = Wire.name(key, "key");
            return this;
        }

        /**
         * The claims template: a JSON object, optionally base64-encoded, with identity template variables.
         * {@code ""} removes the template.
         */
        public Builder template(String template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /** Token lifetime; at most the key's verification_ttl (Vault checks). Whole seconds. */
        public Builder ttl(Duration ttl) {
            this.ttl = Wire.seconds(ttl, "ttl");
            return this;
        }

        /** The client ID (token audience); {@code ""} lets Vault generate one. */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** Builds the request. */
        public RoleRequest build() {
            return new RoleRequest(key, template, ttl, clientId);
        }
    }
}
