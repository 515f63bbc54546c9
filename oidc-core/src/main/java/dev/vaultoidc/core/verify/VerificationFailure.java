package dev.vaultoidc.core.verify;

/** Why a token was rejected. Callers switch on this; the exception message is only for humans. */
public enum VerificationFailure {
    /** Not a compact JWS: wrong number of parts, bad base64url, invalid or duplicate-key JSON, JWE. */
    MALFORMED,
    /** Longer than the configured maximum token size; rejected before any parsing. */
    TOO_LARGE,
    /** A header the verifier refuses to process: unknown {@code crit}, nested JWT ({@code cty: JWT}), unexpected {@code typ}. */
    UNSUPPORTED_HEADER,
    /** Never acceptable: {@code none}, HMAC, or an algorithm that is not a JWS signature algorithm Vault uses. */
    FORBIDDEN_ALGORITHM,
    /** A Vault algorithm that is not configured, or that differs from the {@code alg} of the JWK named by {@code kid}. */
    UNSUPPORTED_ALGORITHM,
    /** No {@code kid}, or a {@code kid} that is not in the issuer's JWKS (after a rate-limited refresh). */
    UNKNOWN_KEY,
    /** The signature does not verify with the issuer's key. */
    BAD_SIGNATURE,
    /** {@code exp} is in the past (beyond the allowed clock skew). */
    EXPIRED,
    /** {@code nbf} is in the future (beyond the allowed clock skew). */
    NOT_YET_VALID,
    /** {@code iat} is in the future (beyond the allowed clock skew). */
    ISSUED_IN_FUTURE,
    /** {@code iss} is not one of the configured issuers. */
    WRONG_ISSUER,
    /** {@code aud} does not contain any accepted client id. */
    WRONG_AUDIENCE,
    /** A required claim ({@code iss}, {@code sub}, {@code aud}, {@code iat}, {@code exp} or a policy claim) is absent or has the wrong type. */
    MISSING_CLAIM,
    /** A policy claim is present but does not have the required value. */
    CLAIM_MISMATCH,
    /** The issuer's keys could not be fetched and no cached keys within the staleness tolerance exist: fail closed. */
    KEYS_UNAVAILABLE,
    /** The online check (Vault introspection) reports the token inactive, e.g. the entity is disabled or deleted. */
    INACTIVE,
    /** The online check was required but could not be completed: fail closed. */
    INTROSPECTION_UNAVAILABLE
}
