package dev.vaultoidc.core.oidc;

import dev.vaultoidc.core.verify.TokenIntrospector;
import java.util.Objects;

/**
 * The verifier's online check backed by Vault's {@code identity/oidc/introspect}: catches tokens whose
 * entity was disabled or deleted after issue, which local verification cannot see.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder()
 *     ...
 *     .introspector(vault.identity().oidc().introspector(), Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>The Vault token used needs permission on {@code identity/oidc/introspect}. A Vault failure is thrown
 * as a {@code VaultException}, which the verifier turns into a closed failure
 * ({@code INTROSPECTION_UNAVAILABLE}).
 */
final class VaultTokenIntrospector implements TokenIntrospector {

    private final OidcAdmin oidc;

    /** Introspects through {@code oidc}. */
    VaultTokenIntrospector(OidcAdmin oidc) {
        this.oidc = Objects.requireNonNull(oidc, "oidc");
    }

    @Override
    public TokenIntrospector.Result introspect(String token, String clientId) {
        return oidc.introspect(token, clientId).toResult();
    }

    @Override
    public String toString() {
        return "VaultTokenIntrospector[" + oidc + "]";
    }
}
