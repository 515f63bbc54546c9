package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultOperations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OIDC provider's scopes ({@code identity/oidc/scope}, spec §9.3), reached as
 * {@code vault.identity().oidc().scopes()}. Thread-safe; every method is one Vault request.
 */
public final class OidcScopes {

    /** The scope every authorization request must carry; reserved, so it is never a stored scope. */
    public static final String OPENID = "openid";

    private static final String BASE = "identity/oidc/scope";

    private final VaultOperations ops;

    OidcScopes(VaultOperations ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /**
     * Creates the scope, or updates the fields {@code request} sets. Vault checks the template like a role
     * template (JSON, no reserved top-level claim) and answers 400 otherwise.
     */
    public void write(String name, Request request) {
        ops.write(BASE + "/" + Wire.name(name, "scope name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads a scope; empty when it does not exist. */
    public Optional<Scope> read(String name) {
        return ops.read(BASE + "/" + Wire.name(name, "scope name"))
                .filter(r -> r.data() != null)
                .map(r -> {
                    JsonNode d = r.data();
                    return new Scope(name, Wire.text(d, "template"), Wire.text(d, "description"));
                });
    }

    /** The scope names, lexicographic; empty when there are none. */
    public List<String> list() {
        return ops.list(BASE).keys();
    }

    /** Deletes a scope; nothing happens when it does not exist. Vault refuses while a provider lists it. */
    public void delete(String name) {
        ops.delete(BASE + "/" + Wire.name(name, "scope name"));
    }

    @Override
    public String toString() {
        return "OidcScopes[" + ops + "]";
    }

    /**
     * The fields to write to a scope ({@code identity/oidc/scope/:name}). Null fields are not sent.
     *
     * @param template    a JSON claim template rendered like role templates, e.g.
     *                    {@code {"groups": {{identity.entity.groups.names}}}}; null to not send
     * @param description a description; null to not send
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(
            @JsonProperty("template") String template,
            @JsonProperty("description") String description) {

        /** A scope with this template and no description sent. */
        public static Request template(String template) {
            return new Request(template, null);
        }
    }

    /**
     * An OIDC provider scope ({@code GET identity/oidc/scope/:name}, spec §9.3).
     *
     * @param name        the scope's name ({@code openid} is reserved and never a stored scope)
     * @param template    the JSON claim template as stored (Vault decodes a base64 template before storing it)
     * @param description the description, {@code ""} when unset
     */
    public record Scope(String name, String template, String description) {}
}
