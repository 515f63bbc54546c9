package dev.vaultoidc.core.verify;

/**
 * The answer of Vault's {@code identity/oidc/introspect} (spec §7.7): {@code {"active": true}} or
 * {@code {"active": false, "error": "..."}}.
 *
 * @param active whether Vault considers the token valid and its entity present and enabled
 * @param error  Vault's reason when inactive, else {@code null}
 */
public record IntrospectionResult(boolean active, String error) {
    public static IntrospectionResult ofActive() {
        return new IntrospectionResult(true, null);
    }

    public static IntrospectionResult inactive(String error) {
        return new IntrospectionResult(false, error);
    }
}
