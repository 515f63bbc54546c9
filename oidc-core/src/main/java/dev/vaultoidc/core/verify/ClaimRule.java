package dev.vaultoidc.core.verify;

import java.util.List;
import java.util.Map;

/** A required-claim policy: the claim must equal a value, or (for list claims) contain it. */
record ClaimRule(String name, String value, boolean contains) {
    void check(Map<String, Object> claims) throws TokenVerificationException {
        Object v = claims.get(name);
        if (v == null) {
            throw new TokenVerificationException(
                    VerificationFailure.MISSING_CLAIM, "required claim '" + name + "' is absent");
        }
        boolean ok;
        if (contains) {
            ok = v instanceof List<?> l ? l.contains(value) : value.equals(v);
        } else {
            ok = value.equals(v);
        }
        if (!ok) {
            throw new TokenVerificationException(
                    VerificationFailure.CLAIM_MISMATCH, "claim '" + name + "' does not have the required value");
        }
    }
}
