package dev.vaultoidc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Header and claims of a compact JWS, decoded without any verification. Used for {@code decode}, to show
 * what a rejected token claims, and to read {@code iss} for {@code --any-issuer}.
 */
record UnverifiedToken(ObjectNode header, ObjectNode claims) {

    /** Thrown for anything that is not a compact JWS with JSON-object header and payload; never quotes the token. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static UnverifiedToken parse(String token, ObjectMapper json) throws Malformed {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw new Malformed("an encrypted token (JWE, 5 parts) cannot be decoded");
        }
        if (parts.length != 3) {
            throw new Malformed("not a compact JWS: expected 3 dot-separated parts, found " + parts.length);
        }
        return new UnverifiedToken(object(parts[0], "header", json), object(parts[1], "payload", json));
    }

    private static ObjectNode object(String part, String what, ObjectMapper json) throws Malformed {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Malformed("the " + what + " is not base64url");
        }
        JsonNode node;
        try {
            node = json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new Malformed("the " + what + " is not JSON");
        }
        if (!(node instanceof ObjectNode o)) {
            throw new Malformed("the " + what + " is not a JSON object");
        }
        return o;
    }

    /** The {@code iss} claim if it is a string, else null. */
    String issuer() {
        JsonNode iss = claims.get("iss");
        return iss != null && iss.isTextual() ? iss.asText() : null;
    }
}
