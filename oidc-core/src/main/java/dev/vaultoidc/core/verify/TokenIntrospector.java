package dev.vaultoidc.core.verify;

/**
 * Online check of a token through Vault's {@code POST identity/oidc/introspect} (spec §7.7). Local
 * verification cannot tell that an entity was disabled or deleted after the token was issued; this can.
 * The verifier calls it only after the token passed every local check, and caches the answer briefly.
 * Implementations may block (they talk to Vault); throwing makes the verification fail closed with
 * {@link VerificationFailure#INTROSPECTION_UNAVAILABLE}.
 */
@FunctionalInterface
public interface TokenIntrospector {
    /**
     * @param token    the compact token (never log it)
     * @param clientId the audience the token was accepted for
     */
    IntrospectionResult introspect(String token, String clientId) throws Exception;
}
