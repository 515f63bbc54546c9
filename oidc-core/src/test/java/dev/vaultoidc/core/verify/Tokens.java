package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mints Vault-shaped ID tokens (spec §7.6) with full control over header and payload bytes. */
final class Tokens {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLIENT_ID = "Hb7kP2qW9xZ4mN8vR3tY6uJ1aQ";

    private Tokens() {}

    /** The claims Vault would put in a token for role client id {@link #CLIENT_ID}, plus template claims. */
    static Map<String, Object> vaultClaims(String issuer, Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("aud", CLIENT_ID);
        c.put("exp", now.plusSeconds(3600).getEpochSecond());
        c.put("groups", List.of("admins", "devs"));
        c.put("email", "alice@example.com");
        c.put("iat", now.getEpochSecond());
        c.put("iss", issuer);
        c.put("namespace", "root");
        c.put("sub", "6f2a4c3e-1b7d-4e9a-8c5f-0d1e2f3a4b5c");
        return c;
    }

    static Map<String, Object> header(TestKey key) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", key.alg());
        h.put("kid", key.kid());
        return h;
    }

    static String mint(TestKey key, Map<String, Object> claims) {
        return mint(key, header(key), claims);
    }

    static String mint(TestKey key, Map<String, Object> header, Map<String, Object> claims) {
        return signRaw(key, json(header), json(claims));
    }

    /** Signs exactly the given JSON texts (which may be deliberately odd, e.g. with duplicate keys). */
    static String signRaw(TestKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        byte[] sig = key.sign(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
