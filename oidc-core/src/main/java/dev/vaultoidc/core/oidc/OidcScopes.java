package dev.vaultoidc.core.oidc;

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
    public void write(String name, ScopeRequest request) {
        ops.write(BASE + "/" + Wire.name(name, "scope name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads a scope; empty when it does not exist. */
    public Optional<OidcScope> read(String name) {
        return ops.read(BASE + "/" + Wire.name(name, "scope name"))
                .filter(r -> r.data() != null)
                .map(r -> {
                    JsonNode d = r.data();
                    return new OidcScope(name, Wire.text(d, "template"), Wire.text(d, "description"));
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
}
