package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerificationFailure;
import dev.vaultoidc.core.verify.VerifiedToken;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A Spring Security {@link JwtDecoder} backed by a {@link TokenVerifier}, so
 * {@code http.oauth2ResourceServer(o -> o.jwt(withDefaults()))} verifies Vault ID tokens with the verifier's
 * cached keys and strict checks.
 *
 * <p>Errors: a token that fails a claim check ({@code exp}, {@code aud}, {@code iss}, ...) is a
 * {@link JwtValidationException}; any other bad token is a {@link BadJwtException}. Both become a 401 with
 * {@code error="invalid_token"}. When the verifier cannot decide because Vault's keys or its introspection are
 * unavailable, the result is a plain {@link JwtException}: not the token's fault. Spring Security then rethrows it,
 * and the auto-configured outage filter answers 503 with {@code Retry-After} (see docs/spring-boot.md). Messages
 * name the reason, never the token. Top-level claims whose value is {@code null} are dropped (see {@link #toJwt}).
 */
public final class VaultOidcJwtDecoder implements JwtDecoder {
    private final TokenVerifier verifier;

    /** Decodes with {@code verifier}, which the caller keeps ownership of. */
    public VaultOidcJwtDecoder(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        VerifiedToken t;
        try {
            t = verifier.verify(token);
        } catch (TokenVerificationException e) {
            throw translate(e);
        }
        return toJwt(token, t);
    }

    /**
     * Spring's {@link Jwt} for a verified token. Claims whose value is JSON {@code null} are left out: Vault renders
     * a template's missing value as {@code null} (an entity in no group gets {@code "groups": null}), and Spring's
     * claim accessors ({@code getClaimAsStringList}) fail on a present-but-null claim, so for Spring code an absent
     * claim is the honest and safe form. Only top-level claims are filtered; nested objects are kept as Vault sent them.
     */
    static Jwt toJwt(String token, VerifiedToken t) {
        return Jwt.withTokenValue(token)
                .header("alg", t.algorithm())
                .header("kid", t.keyId())
                .claims(c -> t.claims().forEach((name, value) -> {
                    if (value != null) {
                        c.put(name, value);
                    }
                }))
                // Typed values for the registered claims, whatever numeric type the JSON parser produced.
                .issuer(t.issuer())
                .subject(t.subject())
                .audience(t.audiences())
                .issuedAt(t.issuedAt())
                .expiresAt(t.expiresAt())
                .build();
    }

    static JwtException translate(TokenVerificationException e) {
        VerificationFailure reason = e.reason();
        // The exception's message already starts with the reason ("WRONG_AUDIENCE: ...").
        String message = "Vault ID token rejected: " + e.getMessage();
        switch (reason) {
            case KEYS_UNAVAILABLE:
            case INTROSPECTION_UNAVAILABLE:
                return new JwtException("Vault ID token could not be verified: " + e.getMessage(), e);
            case EXPIRED:
            case NOT_YET_VALID:
            case ISSUED_IN_FUTURE:
            case WRONG_ISSUER:
            case WRONG_AUDIENCE:
            case MISSING_CLAIM:
            case CLAIM_MISMATCH:
            case INACTIVE: {
                OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, message, null);
                JwtValidationException v = new JwtValidationException(message, List.of(error));
                v.initCause(e);
                return v;
            }
            default:
                return new BadJwtException(message, e);
        }
    }
}
