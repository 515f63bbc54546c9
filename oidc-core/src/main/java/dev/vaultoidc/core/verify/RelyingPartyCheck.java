package dev.vaultoidc.core.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * For a relying party of Vault's OIDC provider that received an ID token from the code flow: the normal
 * {@link TokenVerifier} checks, then the values only the relying party holds (OIDC Core §3.1.3.7, §3.1.3.8):
 * {@code nonce} equal to the one it sent to {@code authorize}, and {@code at_hash} (and optionally {@code c_hash})
 * matching the access token (code) it received, hashed with the hash of the token's algorithm as Vault does
 * (SHA-256 for RS256/ES256, SHA-384 for RS384/ES384, SHA-512 for RS512/ES512/EdDSA; spec §9.11). Thread-safe.
 *
 * <pre>{@code
 * RelyingPartyCheck rp = RelyingPartyCheck.of(TokenVerifier.builder()
 *         .vaultProvider("https://vault:8200", "corp").audiences(clientId).build());
 * VerifiedToken user = rp.verify(tokens.idToken(), nonceSentToAuthorize, tokens.accessToken());
 * }</pre>
 */
public final class RelyingPartyCheck {

    private final TokenVerifier verifier;

    private RelyingPartyCheck(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Checks on top of {@code verifier} (configured with the provider's issuer and the client ID as audience). */
    public static RelyingPartyCheck of(TokenVerifier verifier) {
        return new RelyingPartyCheck(verifier);
    }

    /**
     * Verifies {@code idToken}, then its {@code nonce} and {@code at_hash}.
     *
     * @param expectedNonce the nonce sent to authorize; null if none was sent (then a token carrying one fails)
     * @param accessToken   the access token received with the ID token; null to skip the {@code at_hash} check
     * @throws TokenVerificationException {@link VerificationFailure#MISSING_CLAIM} or
     *     {@link VerificationFailure#CLAIM_MISMATCH} for the nonce and hashes, else as {@link TokenVerifier#verify}
     */
    public VerifiedToken verify(String idToken, String expectedNonce, String accessToken)
            throws TokenVerificationException {
        return verify(idToken, expectedNonce, accessToken, null);
    }

    /**
     * As {@link #verify(String, String, String)}, and checks {@code c_hash} against {@code code} when it is not
     * null.
     */
    public VerifiedToken verify(String idToken, String expectedNonce, String accessToken, String code)
            throws TokenVerificationException {
        VerifiedToken t = verifier.verify(idToken);
        String nonce = t.stringClaim("nonce").orElse(null);
        if (expectedNonce == null) {
            if (nonce != null) {
                throw new TokenVerificationException(
                        VerificationFailure.CLAIM_MISMATCH, "the token carries a nonce but none was sent");
            }
        } else if (nonce == null) {
            throw new TokenVerificationException(VerificationFailure.MISSING_CLAIM, "the token has no nonce");
        } else if (!constantTimeEquals(nonce, expectedNonce)) {
            throw new TokenVerificationException(
                    VerificationFailure.CLAIM_MISMATCH, "nonce does not match the one sent to authorize");
        }
        if (accessToken != null) {
            checkHash(t, "at_hash", accessToken);
        }
        if (code != null) {
            checkHash(t, "c_hash", code);
        }
        return t;
    }

    private static void checkHash(VerifiedToken t, String claim, String value) throws TokenVerificationException {
        String actual = t.stringClaim(claim)
                .orElseThrow(() ->
                        new TokenVerificationException(VerificationFailure.MISSING_CLAIM, "the token has no " + claim));
        if (!constantTimeEquals(actual, leftHalfHash(t.algorithm(), value))) {
            throw new TokenVerificationException(
                    VerificationFailure.CLAIM_MISMATCH, claim + " does not match the value received with the token");
        }
    }

    /** Base64url (no padding) of the left half of the algorithm's hash of {@code value}'s ASCII bytes. */
    static String leftHalfHash(String algorithm, String value) {
        String hash = switch (algorithm) {
            case "RS384", "ES384", "PS384" -> "SHA-384";
            case "RS512", "ES512", "PS512", "EdDSA" -> "SHA-512";
            default -> "SHA-256";
        };
        try {
            byte[] d = MessageDigest.getInstance(hash).digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, d.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(hash + " is required by every Java platform", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RelyingPartyCheck[" + verifier + "]";
    }
}
