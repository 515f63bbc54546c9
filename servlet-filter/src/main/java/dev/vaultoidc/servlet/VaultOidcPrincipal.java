package dev.vaultoidc.servlet;

import dev.vaultoidc.core.verify.VerifiedToken;
import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller, as {@code HttpServletRequest.getUserPrincipal()} returns it behind
 * {@link VaultOidcFilter}. Immutable; {@link #toString()} shows the name and roles, never the token or claim values.
 */
public final class VaultOidcPrincipal implements Principal {
    private final String name;
    private final Set<String> roles;
    private final VerifiedToken token;

    VaultOidcPrincipal(String name, Set<String> roles, VerifiedToken token) {
        this.name = Objects.requireNonNull(name);
        this.roles = Set.copyOf(roles);
        this.token = Objects.requireNonNull(token);
    }

    /** The value of the configured principal claim (default {@code sub}: the Vault entity id). */
    @Override
    public String getName() {
        return name;
    }

    /** The roles read from the configured roles claim; what {@code isUserInRole} answers from. */
    public Set<String> roles() {
        return roles;
    }

    /** The verified token this principal came from. */
    public VerifiedToken token() {
        return token;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultOidcPrincipal p && name.equals(p.name) && token.equals(p.token);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "VaultOidcPrincipal[name=" + name + ", roles=" + roles + "]";
    }
}
