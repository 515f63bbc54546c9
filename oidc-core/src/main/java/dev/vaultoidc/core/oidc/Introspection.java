package dev.vaultoidc.core.oidc;

import dev.vaultoidc.core.verify.IntrospectionResult;
import java.util.Optional;

/**
 * Vault's verdict on a token ({@code POST identity/oidc/introspect}, spec §7.7).
 *
 * @param active  whether Vault considers the token valid and its entity present and enabled
 * @param failure why not, when inactive; null when active
 * @param error   Vault's error text when inactive (for humans; switch on {@link #failure()}); null when active
 */
public record Introspection(boolean active, IntrospectionFailure failure, String error) {

    static Introspection ofActive() {
        return new Introspection(true, null, null);
    }

    static Introspection inactive(String error) {
        return new Introspection(false, IntrospectionFailure.fromVaultError(error), error == null ? "" : error);
    }

    /** The failure, empty when active. */
    public Optional<IntrospectionFailure> failureReason() {
        return Optional.ofNullable(failure);
    }

    /** The verifier's view of this verdict. */
    public IntrospectionResult toResult() {
        return active ? IntrospectionResult.ofActive() : IntrospectionResult.inactive(error);
    }
}
