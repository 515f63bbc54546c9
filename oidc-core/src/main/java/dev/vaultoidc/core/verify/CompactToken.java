package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
    /** Jackson's strict defaults: no comments, no single quotes, no unescaped control characters, no NaN. */
    private static final JsonFactory JSON = new JsonFactory();

    final Map<String, Object> header;
    final Map<String, Object> payload;
    /** The ASCII bytes the signature covers: header and payload parts with the dot between them. */
    final byte[] signingInput;
    /** The decoded third part. */
    final byte[] signature;

    private CompactToken(
            Map<String, Object> header, Map<String, Object> payload, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.payload = payload;
        this.signingInput = signingInput;
        this.signature = signature;
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
        // Each part is checked and decoded in one pass, straight from the token: no substrings, no second scan.
        byte[] h = decode(token, 0, first);
        byte[] p = decode(token, first + 1, second);
        byte[] s = decode(token, second + 1, token.length());
        if (h == null || p == null || s == null) {
            throw malformed("every part must be non-empty, unpadded, canonical base64url");
        }
        // Only base64url characters and dots are left, so this encoding is exact.
        byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        return new CompactToken(json(h, "header"), json(p, "payload"), signingInput, s);
    }

    private static Map<String, Object> json(byte[] bytes, String what) throws TokenVerificationException {
        checkUtf8(bytes, what);
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(what + " is not a JSON object");
            }
            Map<String, Object> map = object(p, what);
            if (p.nextToken() != null) {
                throw malformed(what + " is not a JSON object with unique member names");
            }
            return map;
        } catch (IOException e) {
            // No parser message: it may quote token content.
            throw malformed(what + " is not a JSON object with unique member names");
        }
    }

    /**
     * The members of the object whose START_OBJECT {@code p} is on, frozen as they are read: one pass builds the
     * structure callers get, with no copy afterwards. Values keep the types Jackson's untyped binding gives
     * (Integer, Long or BigInteger by size; Double for fractions), which typed claim access relies on.
     */
    private static Map<String, Object> object(JsonParser p, String what)
            throws IOException, TokenVerificationException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = text(p.currentName(), what);
            Object value = value(p, p.nextToken(), what);
            int before = map.size();
            map.put(name, value);
            if (map.size() == before) {
                // Last-duplicate-wins would let another parser read a different claim (see the class comment).
                throw malformed(what + " is not a JSON object with unique member names");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw malformed(what + " is not a JSON object with unique member names");
        }
        return Collections.unmodifiableMap(map);
    }

    private static Object value(JsonParser p, JsonToken t, String what) throws IOException, TokenVerificationException {
        if (t == null) {
            throw malformed(what + " is not a JSON object with unique member names");
        }
        switch (t) {
            case VALUE_STRING:
                return text(p.getText(), what);
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT:
                return object(p, what);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, e, what));
                }
                return Collections.unmodifiableList(list);
            default:
                throw malformed(what + " is not a JSON object with unique member names");
        }
    }

    /**
     * RFC 7519 §7.2: the JSON is UTF-8. Checked strictly here (malformed and overlong sequences and encoded
     * surrogates are errors, never U+FFFD or a guess), with no BOM. Jackson then reads the bytes as UTF-8: with no
     * BOM and no zero byte (which no JSON text holds unescaped) its encoding detection cannot pick UTF-16 or
     * UTF-32, so it never reads a token that another verifier refuses or reads differently.
     */
    private static void checkUtf8(byte[] b, String what) throws TokenVerificationException {
        if (b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            throw malformed(what + " starts with a byte order mark");
        }
        for (byte x : b) {
            if (x == 0) {
                throw malformed(what + " is not a JSON object with unique member names");
            }
        }
        try {
            // The JDK's decoder refuses malformed and overlong sequences, encoded surrogates and code points above
            // U+10FFFF when told to report instead of replacing.
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not valid UTF-8");
        }
    }

    /** {@code s} if it holds no unpaired surrogate (which only a JSON escape such as {@code \\ud800} can produce). */
    private static String text(String s, String what) throws TokenVerificationException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw malformed(what + " holds an unpaired surrogate");
                }
            }
        }
        return s;
    }

    /**
     * The bytes of {@code s[from, to)} read as non-empty, unpadded, canonical base64url, or {@code null} if it is
     * not. One spelling per value (RFC 4648 §3.5): the bits of the last character that encode no byte must be zero,
     * else 16 (or 4) strings decode to the same bytes and anything keyed on the token string (a deny-list, a replay
     * cache, the verified-token cache) sees different tokens.
     */
    static byte[] decode(String s, int from, int to) {
        int n = to - from;
        if (n == 0 || n % 4 == 1 || s.charAt(to - 1) == '=') {
            return null;
        }
        byte[] out;
        try {
            out = Base64.getUrlDecoder().decode(s.substring(from, to));
        } catch (IllegalArgumentException e) {
            return null;
        }
        // The last character's unused low bits: 4 of them after 2 characters, 2 after 3.
        int unusedBits = n % 4 == 2 ? 0x0f : n % 4 == 3 ? 0x03 : 0;
        int last = URL_ALPHABET.indexOf(s.charAt(to - 1));
        return (last & unusedBits) == 0 ? out : null;
    }

    private static final String URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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
