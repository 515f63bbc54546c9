package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    private static final ObjectReader MAP_READER =
            JSON.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});
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
            throw malformed(
                    countDots(token) == 4
                            ? "encrypted tokens (JWE) are not accepted"
                            : "a compact JWS has three dot-separated parts");
        }
        String h = token.substring(0, first);
        String p = token.substring(first + 1, second);
        String s = token.substring(second + 1);
        if (!isBase64Url(h) || !isBase64Url(p) || !isBase64Url(s)) {
            throw malformed("every part must be non-empty, unpadded, canonical base64url");
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
        String text = strictUtf8(bytes, what);
        try {
            Map<String, Object> map = MAP_READER.readValue(text);
            if (map == null) {
                throw malformed(what + " is not a JSON object");
            }
            Map<String, Object> frozen = deepUnmodifiable(map);
            if (!wellFormed(frozen)) {
                throw malformed(what + " holds an unpaired surrogate");
            }
            return frozen;
        } catch (IOException e) {
            // No parser message: it may quote token content.
            throw malformed(what + " is not a JSON object with unique member names");
        }
    }

    /**
     * RFC 7519 §7.2: the JSON is UTF-8. Decoded strictly (malformed and overlong sequences and encoded surrogates
     * are errors, never U+FFFD or a guess), with no BOM; Jackson must not be handed bytes, or it guesses UTF-16
     * or UTF-32 and reads a token that another verifier refuses or reads differently.
     */
    private static String strictUtf8(byte[] bytes, String what) throws TokenVerificationException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not valid UTF-8");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw malformed(what + " starts with a byte order mark");
        }
        return text;
    }

    /** No unpaired surrogate (which only a JSON escape such as {@code \\ud800} can produce) in any name or string. */
    private static boolean wellFormed(Object v) {
        if (v instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!wellFormed(e.getKey()) || !wellFormed(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!wellFormed(o)) {
                    return false;
                }
            }
        }
        return true;
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
        // One spelling per value (RFC 4648 §3.5): the bits of the last character that encode no byte must be
        // zero, else 16 (or 4) strings decode to the same bytes and anything keyed on the token string (a
        // deny-list, a replay cache, the verified-token cache) sees different tokens.
        int unused = n % 4 == 2 ? 0x0f : n % 4 == 3 ? 0x03 : 0;
        return (valueOf(s.charAt(n - 1)) & unused) == 0;
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
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
