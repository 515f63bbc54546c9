package dev.vaultoidc.core.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A PKCE pair (RFC 7636): the {@code verifier} the relying party keeps, and the {@code challenge} it sends to
 * {@code authorize}. {@link #toString()} hides the verifier.
 *
 * @param verifier  the secret code verifier (43–128 characters)
 * @param challenge the code challenge sent to authorize
 * @param method    {@code S256} or {@code plain}
 */
public record Pkce(String verifier, String challenge, String method) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh S256 pair with a 43-character random verifier (256 bits). */
    public static Pkce s256() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return s256(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The S256 pair for {@code verifier}: {@code challenge = BASE64URL(SHA-256(verifier))}. */
    public static Pkce s256(String verifier) {
        Objects.requireNonNull(verifier, "verifier");
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(d), "S256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[method=" + method + ", challenge=" + challenge + ", verifier=<redacted>]";
    }
}
