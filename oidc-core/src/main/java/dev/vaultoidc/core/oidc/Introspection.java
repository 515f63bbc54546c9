package dev.vaultoidc.core.oidc;

import dev.vaultoidc.core.verify.TokenIntrospector;
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
    public TokenIntrospector.Result toResult() {
        return active ? TokenIntrospector.Result.ofActive() : TokenIntrospector.Result.inactive(error);
    }

    /**
     * Why Vault's introspection found a token inactive (spec §7.7), derived from Vault's error text. Vault does
     * not keep that text stable, so anything not recognised is {@link #OTHER}, with the text kept in
     * {@link Introspection#error()}.
     */
    public enum IntrospectionFailure {
        /** {@code exp} has passed (Vault allows 1 minute of leeway). */
        EXPIRED,
        /** The {@code client_id} given is not the token's audience. */
        WRONG_AUDIENCE,
        /** {@code iss} is not this Vault's effective issuer (e.g. after the issuer was reconfigured). */
        WRONG_ISSUER,
        /** No published key verifies the signature (foreign token, or its key expired after rotation). */
        BAD_SIGNATURE,
        /** Not a compact JWS. */
        MALFORMED,
        /** The entity named by {@code sub} no longer exists. */
        ENTITY_NOT_FOUND,
        /** The entity named by {@code sub} is disabled. */
        ENTITY_DISABLED,
        /** Any other reason, e.g. {@code nbf} or {@code iat} in the future. */
        OTHER;

        /** Maps Vault's error string; see spec §7.7 for the texts. */
        static IntrospectionFailure fromVaultError(String error) {
            if (error == null) {
                return OTHER;
            }
            if (error.startsWith("error parsing token")) {
                return MALFORMED;
            }
            if (error.contains("unable to validate the token signature")) {
                return BAD_SIGNATURE;
            }
            if (error.contains("token is expired (exp)")) {
                return EXPIRED;
            }
            if (error.contains("invalid audience claim (aud)")) {
                return WRONG_AUDIENCE;
            }
            if (error.contains("invalid issuer claim (iss)")) {
                return WRONG_ISSUER;
            }
            if (error.contains("entity was not found")) {
                return ENTITY_NOT_FOUND;
            }
            if (error.contains("entity is disabled")) {
                return ENTITY_DISABLED;
            }
            return OTHER;
        }
    }
}
