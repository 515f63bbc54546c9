package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields to write to a scope ({@code identity/oidc/scope/:name}). Null fields are not sent.
 *
 * @param template    a JSON claim template rendered like role templates, e.g.
 *                    {@code {"groups": {{identity.entity.groups.names}}}}; null to not send
 * @param description a description; null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScopeRequest(
        @JsonProperty("template") String template,
        @JsonProperty("description") String description) {

    /** A scope with this template and no description sent. */
    public static ScopeRequest template(String template) {
        return new ScopeRequest(template, null);
    }
}
