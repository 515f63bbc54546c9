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
    Result introspect(String token, String clientId) throws Exception;

    /**
     * The answer of Vault's {@code identity/oidc/introspect} (spec §7.7): {@code {"active": true}} or
     * {@code {"active": false, "error": "..."}}.
     *
     * @param active whether Vault considers the token valid and its entity present and enabled
     * @param error  Vault's reason when inactive, else {@code null}
     */
    record Result(boolean active, String error) {
        public static Result ofActive() {
            return new Result(true, null);
        }

        public static Result inactive(String error) {
            return new Result(false, error);
        }
    }
}
