package dev.vaultoidc.emulator;

import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pathOIDCIntrospect} (spec §7.7): the checks in Vault's order, with go-jose's error texts.
 * Returns {@code null} for an active token, else the {@code error} of the inactive answer.
 */
final class OidcIntrospection {

    /** go-jose's jwt.DefaultLeeway. */
    static final long LEEWAY_SECONDS = 60;

    private static final String JWT_ERR = "go-jose/go-jose/jwt: validation failed, ";

    private OidcIntrospection() {}

    /**
     * @param algorithmsAtParse OpenBao's go-jose v4 {@code ParseSigned} takes the allowed algorithms
     *     and rejects any other {@code alg} while parsing, with its own text (seen on OpenBao 2.7.2);
     *     Vault's parse accepts any and the signature check then fails.
     */
    static String check(
            String token,
            String clientId,
            List<OidcSigningKey> jwks,
            String issuer,
            Instant now,
            IdentityView identity,
            boolean algorithmsAtParse) {
        // 1. jose.ParseSigned (compact form)
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return "error parsing token: go-jose/go-jose: compact JWS format must have three parts";
        }
        byte[] header;
        byte[] payload;
        byte[] signature;
        try {
            header = base64UrlDecode(parts[0]);
            payload = base64UrlDecode(parts[1]);
            signature = base64UrlDecode(parts[2]);
        } catch (IllegalArgumentException e) {
            return "error parsing token: " + e.getMessage();
        }
        String headerJson = new String(header, StandardCharsets.UTF_8);
        Object alg;
        try {
            Map<String, Object> h = OidcJson.parseObject(headerJson);
            alg = h.get("alg");
        } catch (OidcJson.GoJsonException e) {
            return "error parsing token: " + e.getMessage().replace("map[string]interface {}", "jose.rawHeader");
        }
        if (algorithmsAtParse) {
            String unlisted = unlistedAlgorithm(alg);
            if (unlisted != null) {
                return "error parsing token: " + unlisted;
            }
        }

        // 2. signature against the current JWKS; the first key that verifies wins
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        if (alg instanceof String a) {
            for (OidcSigningKey key : jwks) {
                if (key.verifies(a, signingInput, signature)) {
                    valid = true;
                    break;
                }
            }
        }
        if (!valid) {
            return "unable to validate the token signature";
        }

        // 3. claims, jwt.Claims.Validate with the default leeway
        Map<String, Object> claims;
        try {
            claims = OidcJson.parseObject(new String(payload, StandardCharsets.UTF_8));
        } catch (OidcJson.GoJsonException e) {
            return "error parsing token: " + e.getMessage();
        }
        String claimError = validateClaims(claims, issuer, clientId, now);
        if (claimError != null) {
            return "error validating claims: " + claimError;
        }

        // 4. the subject's entity
        Object sub = claims.get("sub");
        Optional<EntitySnapshot> entity =
                sub instanceof String s && !s.isEmpty() ? identity.entity(s) : Optional.empty();
        if (entity.isEmpty()) {
            return "entity was not found";
        }
        if (entity.get().disabled()) {
            return "entity is disabled";
        }
        return null;
    }

    /** go-jose v4's complaint about a header {@code alg} outside the allowed list; null if listed. */
    private static String unlistedAlgorithm(Object alg) {
        if (alg != null && !(alg instanceof String)) {
            String type = alg instanceof Boolean
                    ? "bool"
                    : alg instanceof Number ? "number" : alg instanceof List<?> ? "array" : "object";
            return "failed to unmarshal algorithm: json: cannot unmarshal " + type + " into Go value of type string: "
                    + GoText.quote(OidcJson.write(alg));
        }
        String name = alg == null ? "" : (String) alg;
        if (PARSE_ALGORITHMS.contains(name)) {
            return null;
        }
        StringBuilder expected = new StringBuilder();
        for (String a : PARSE_ALGORITHMS) {
            expected.append(expected.length() == 0 ? "" : " ").append(GoText.quote(a));
        }
        return "unexpected signature algorithm " + GoText.quote(name) + "; expected [" + expected + "]";
    }

    /** The allowed list in the order OpenBao 2.7.2 prints it; PS* pass the parse, then fail the signature. */
    private static final List<String> PARSE_ALGORITHMS =
            List.of("ES256", "ES384", "ES512", "EdDSA", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

    /** go-jose Claims.ValidateWithLeeway: issuer, audience, then nbf, exp, iat. */
    private static String validateClaims(Map<String, Object> c, String issuer, String clientId, Instant now) {
        if (!issuer.isEmpty() && !issuer.equals(c.get("iss"))) {
            return JWT_ERR + "invalid issuer claim (iss)";
        }
        if (!clientId.isEmpty()) {
            Object aud = c.get("aud");
            boolean contains =
                    aud instanceof String s ? s.equals(clientId) : aud instanceof List<?> l && l.contains(clientId);
            if (!contains) {
                return JWT_ERR + "invalid audience claim (aud)";
            }
        }
        Long nbf = numericDate(c.get("nbf"));
        if (nbf != null && now.plusSeconds(LEEWAY_SECONDS).isBefore(Instant.ofEpochSecond(nbf))) {
            return JWT_ERR + "token not valid yet (nbf)";
        }
        Long exp = numericDate(c.get("exp"));
        if (exp != null && now.minusSeconds(LEEWAY_SECONDS).isAfter(Instant.ofEpochSecond(exp))) {
            return JWT_ERR + "token is expired (exp)";
        }
        Long iat = numericDate(c.get("iat"));
        if (iat != null && now.plusSeconds(LEEWAY_SECONDS).isBefore(Instant.ofEpochSecond(iat))) {
            return JWT_ERR + "token issued in the future (iat)";
        }
        return null;
    }

    private static Long numericDate(Object v) {
        return v instanceof Number n ? (long) n.doubleValue() : null;
    }

    /** go-jose's base64URLDecode: trailing '=' trimmed, then RawURLEncoding with Go's error text. */
    private static byte[] base64UrlDecode(String value) {
        String s = value.replaceAll("=+$", "");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("illegal base64 data at input byte " + i);
            }
        }
        if (s.length() % 4 == 1) {
            throw new IllegalArgumentException("illegal base64 data at input byte " + (s.length() - 1));
        }
        return java.util.Base64.getUrlDecoder().decode(s);
    }
}
