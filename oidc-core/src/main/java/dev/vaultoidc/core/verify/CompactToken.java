package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        int n = b.length;
        if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            throw malformed(what + " starts with a byte order mark");
        }
        int i = 0;
        while (i < n) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) {
                throw malformed(what + " is not a JSON object with unique member names");
            }
            c &= 0xff;
            // The second byte's range excludes overlong forms (E0, F0), UTF-16 surrogates (ED) and code points
            // above U+10FFFF (F4); C0, C1 and F5..FF never start a sequence.
            int lo = 0x80;
            int hi = 0xBF;
            int tail;
            if (c >= 0xC2 && c <= 0xDF) {
                tail = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                tail = 2;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                tail = 3;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw malformed(what + " is not valid UTF-8");
            }
            if (i + tail >= n) {
                throw malformed(what + " is not valid UTF-8");
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                throw malformed(what + " is not valid UTF-8");
            }
            for (int k = 2; k <= tail; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    throw malformed(what + " is not valid UTF-8");
                }
            }
            i += tail + 1;
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

    /** base64url alphabet (RFC 4648 §5) as a table of sextet values, -1 elsewhere: this runs over every character. */
    private static final byte[] SEXTET = new byte[128];

    static {
        java.util.Arrays.fill(SEXTET, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTET[alphabet.charAt(i)] = (byte) i;
        }
    }

    private static int sextet(char c) {
        return c < 128 ? SEXTET[c] : -1;
    }

    /**
     * The bytes of {@code s[from, to)} read as non-empty, unpadded, canonical base64url, or {@code null} if it is
     * not. One spelling per value (RFC 4648 §3.5): the bits of the last character that encode no byte must be zero,
     * else 16 (or 4) strings decode to the same bytes and anything keyed on the token string (a deny-list, a replay
     * cache, the verified-token cache) sees different tokens.
     */
    static byte[] decode(String s, int from, int to) {
        int n = to - from;
        int rem = n % 4;
        if (n == 0 || rem == 1) {
            return null;
        }
        byte[] out = new byte[n / 4 * 3 + (rem == 0 ? 0 : rem - 1)];
        int o = 0;
        int i = from;
        for (int end = to - rem; i < end; i += 4) {
            int a = sextet(s.charAt(i));
            int b = sextet(s.charAt(i + 1));
            int c = sextet(s.charAt(i + 2));
            int d = sextet(s.charAt(i + 3));
            if ((a | b | c | d) < 0) {
                return null;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (rem == 2) {
            int a = sextet(s.charAt(i));
            int b = sextet(s.charAt(i + 1));
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return null;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (rem == 3) {
            int a = sextet(s.charAt(i));
            int b = sextet(s.charAt(i + 1));
            int c = sextet(s.charAt(i + 2));
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int bits = a << 12 | b << 6 | c;
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        }
        return out;
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
