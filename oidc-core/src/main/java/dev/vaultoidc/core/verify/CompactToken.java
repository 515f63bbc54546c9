package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one parse a compact JWS gets: exactly three non-empty base64url parts with no padding, and header and
 * payload that are JSON objects without duplicate member names. The verifier checks the signature over these
 * exact bytes itself ({@link SignatureCheck}); Nimbus never parses the token. Strictness still matters: a lenient
 * reading (padding, last-duplicate-wins, as Nimbus's and many other parsers allow) would let a token mean one
 * thing here and another to a downstream consumer that parses it again, so such a token is refused.
 */
final class CompactToken {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader MAP_READER = JSON.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    final Map<String, Object> header;
    final Map<String, Object> payload;

    private CompactToken(Map<String, Object> header, Map<String, Object> payload) {
        this.header = header;
        this.payload = payload;
    }

    static CompactToken parse(String token) throws TokenVerificationException {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            throw malformed("a compact JWS has three dot-separated parts");
        }
        if (token.indexOf('.', second + 1) >= 0) {
            throw malformed(countDots(token) == 4 ? "encrypted tokens (JWE) are not accepted"
                    : "a compact JWS has three dot-separated parts");
        }
        String h = token.substring(0, first);
        String p = token.substring(first + 1, second);
        String s = token.substring(second + 1);
        if (!isBase64Url(h) || !isBase64Url(p) || !isBase64Url(s)) {
            throw malformed("every part must be non-empty unpadded base64url");
        }
        return new CompactToken(json(h, "header"), json(p, "payload"));
    }

    private static Map<String, Object> json(String part, String what) throws TokenVerificationException {
        byte[] bytes;
        try {
            bytes = B64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not base64url");
        }
        try {
            Map<String, Object> map = MAP_READER.readValue(bytes);
            if (map == null) {
                throw malformed(what + " is not a JSON object");
            }
            return deepUnmodifiable(map);
        } catch (IOException e) {
            // No parser message: it may quote token content.
            throw malformed(what + " is not a JSON object with unique member names");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepUnmodifiable(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>(map.size());
        map.forEach((k, v) -> out.put(k, freeze(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepUnmodifiable((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(freeze(o));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    /** base64url alphabet (RFC 4648 §5), as a table: this scan runs over every byte of every token. */
    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            BASE64URL[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            BASE64URL[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            BASE64URL[c] = true;
        }
        BASE64URL['-'] = true;
        BASE64URL['_'] = true;
    }

    static boolean isBase64Url(String s) {
        int n = s.length();
        if (n == 0 || n % 4 == 1) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !BASE64URL[c]) {
                return false;
            }
        }
        return true;
    }

    private static int countDots(String token) {
        int n = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    private static TokenVerificationException malformed(String message) {
        return new TokenVerificationException(VerificationFailure.MALFORMED, message);
    }
}
