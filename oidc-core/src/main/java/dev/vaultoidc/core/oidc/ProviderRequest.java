package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fields to write to a provider ({@code identity/oidc/provider/:name}). Null fields are not sent.
 *
 * @param issuer           {@code scheme://host[:port]} only (no path), or {@code ""} for Vault's api_addr;
 *                         null to not send
 * @param allowedClientIds the client IDs that may use the provider, {@code "*"} for all; null to not send
 * @param scopesSupported  scope names (each must exist); null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderRequest(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("allowed_client_ids") List<String> allowedClientIds,
        @JsonProperty("scopes_supported") List<String> scopesSupported) {

    /** Copies the lists; null stays null (not sent). */
    public ProviderRequest {
        allowedClientIds = allowedClientIds == null ? null : List.copyOf(allowedClientIds);
        scopesSupported = scopesSupported == null ? null : List.copyOf(scopesSupported);
    }

    /** A request that sends only the allowed client IDs. */
    public static ProviderRequest allowing(String... clientIds) {
        return new ProviderRequest(null, List.of(clientIds), null);
    }
}
