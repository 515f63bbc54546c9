package dev.vaultoidc.core.verify;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
        // One byte per character: a character above U+00FF becomes '?' and a surrogate pair one '?' (then the
        // lengths differ), and neither is base64url, so the token is refused either way.
        byte[] all = token.getBytes(StandardCharsets.ISO_8859_1);
        // Each part is checked and decoded in one pass: no substrings, no second scan.
        byte[] h = all.length == token.length() ? decode(all, 0, first) : null;
        byte[] p = h == null ? null : decode(all, first + 1, second);
        byte[] s = p == null ? null : decode(all, second + 1, all.length);
        if (s == null) {
            throw malformed("every part must be non-empty, unpadded, canonical base64url");
        }
        // Only base64url characters and dots are left, so these are the exact ASCII bytes the signature covers.
        byte[] signingInput = Arrays.copyOf(all, second);
        return new CompactToken(json(h, "header"), json(p, "payload"), signingInput, s);
    }

    private static Map<String, Object> json(byte[] bytes, String what) throws TokenVerificationException {
        checkUtf8(bytes, what);
        return new Reader(bytes, what).document();
    }

    /**
     * A strict RFC 8259 reader for the header and payload, run over bytes {@link #checkUtf8} has accepted. It
     * refuses what Jackson's defaults refuse (comments, single quotes, unquoted names, trailing commas, leading
     * zeros or plus signs, NaN and Infinity, unescaped control characters, unknown escapes, trailing content) and
     * keeps Jackson's limits (nesting depth 1000, names of 50,000 characters, numbers of 1,000 digits, where only
     * a number starting with 0 is held one digit tighter than Jackson holds it), so the verdicts are those of the
     * databind reading it replaced (CompactTokenJsonTest compares them); it also refuses duplicate names at any
     * depth and unpaired surrogates. It builds the frozen maps and lists callers get as it goes, with the value
     * types of Jackson's untyped binding (Integer, Long or BigInteger by size; Double for fractions and
     * exponents), which typed claim access relies on. Jackson's parser set-up per part (bootstrapping, buffer
     * recycling, symbol tables) cost more than reading these few hundred bytes.
     */
    private static final class Reader {
        private static final int MAX_DEPTH = 1000;
        private static final int MAX_NAME_CHARS = 50_000;
        private static final int MAX_NUMBER_DIGITS = 1000;

        private final byte[] b;
        private final String what;
        private int i;
        private int depth;

        Reader(byte[] b, String what) {
            this.b = b;
            this.what = what;
        }

        Map<String, Object> document() throws TokenVerificationException {
            skipWhitespace();
            if (peek() != '{') {
                throw malformed(what + " is not a JSON object");
            }
            Map<String, Object> map = object();
            skipWhitespace();
            if (i != b.length) {
                throw bad();
            }
            return map;
        }

        private int peek() {
            return i < b.length ? b[i] : -1;
        }

        private void skipWhitespace() {
            while (i < b.length) {
                byte c = b[i];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                i++;
            }
        }

        private TokenVerificationException bad() {
            return malformed(what + " is not a JSON object with unique member names");
        }

        private Map<String, Object> object() throws TokenVerificationException {
            if (++depth > MAX_DEPTH) {
                throw bad();
            }
            i++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                i++;
                depth--;
                return Collections.unmodifiableMap(map);
            }
            while (true) {
                if (peek() != '"') {
                    throw bad();
                }
                String name = string();
                if (name.length() > MAX_NAME_CHARS) {
                    throw bad();
                }
                skipWhitespace();
                if (peek() != ':') {
                    throw bad();
                }
                i++;
                skipWhitespace();
                Object value = value();
                int before = map.size();
                map.put(name, value);
                if (map.size() == before) {
                    // Last-duplicate-wins would let another parser read a different claim (see the class comment).
                    throw bad();
                }
                skipWhitespace();
                int c = peek();
                i++;
                if (c == '}') {
                    depth--;
                    return Collections.unmodifiableMap(map);
                }
                if (c != ',') {
                    throw bad();
                }
                skipWhitespace();
            }
        }

        private List<Object> array() throws TokenVerificationException {
            if (++depth > MAX_DEPTH) {
                throw bad();
            }
            i++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                i++;
                depth--;
                return Collections.unmodifiableList(list);
            }
            while (true) {
                list.add(value());
                skipWhitespace();
                int c = peek();
                i++;
                if (c == ']') {
                    depth--;
                    return Collections.unmodifiableList(list);
                }
                if (c != ',') {
                    throw bad();
                }
                skipWhitespace();
            }
        }

        private Object value() throws TokenVerificationException {
            int c = peek();
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw bad();
            }
        }

        private void literal(String word) throws TokenVerificationException {
            int n = word.length();
            if (i + n > b.length) {
                throw bad();
            }
            for (int k = 0; k < n; k++) {
                if (b[i + k] != word.charAt(k)) {
                    throw bad();
                }
            }
            i += n;
        }

        private int digits() {
            int start = i;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return i - start;
        }

        private Object number() throws TokenVerificationException {
            int start = i;
            boolean negative = b[i] == '-';
            if (negative) {
                i++;
            }
            int intStart = i;
            int intDigits;
            if (peek() == '0') {
                i++;
                intDigits = 1;
            } else {
                intDigits = digits();
                if (intDigits == 0) {
                    throw bad();
                }
            }
            int fraction = 0;
            int exponent = 0;
            boolean integral = true;
            if (peek() == '.') {
                i++;
                integral = false;
                fraction = digits();
                if (fraction == 0) {
                    throw bad();
                }
            }
            int c = peek();
            if (c == 'e' || c == 'E') {
                i++;
                integral = false;
                c = peek();
                if (c == '+' || c == '-') {
                    i++;
                }
                exponent = digits();
                if (exponent == 0) {
                    throw bad();
                }
            }
            if (intDigits + fraction + exponent > MAX_NUMBER_DIGITS) {
                throw bad();
            }
            if (!integral) {
                return Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
            }
            if (intDigits <= 18) {
                long v = 0;
                for (int k = intStart; k < i; k++) {
                    v = v * 10 + (b[k] - '0');
                }
                if (negative) {
                    v = -v;
                }
                return v == (int) v ? (Object) Integer.valueOf((int) v) : (Object) Long.valueOf(v);
            }
            BigInteger big = new BigInteger(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
            return big.bitLength() < 64 ? (Object) Long.valueOf(big.longValue()) : big;
        }

        /** The string whose opening quote is at {@code i}. */
        private String string() throws TokenVerificationException {
            int start = ++i;
            boolean ascii = true;
            while (i < b.length) {
                byte c = b[i];
                if (c == '"') {
                    String s = new String(
                            b, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                    i++;
                    return s;
                }
                if (c == '\\') {
                    return escaped(start);
                }
                if (c >= 0 && c < 0x20) {
                    throw bad();
                }
                ascii &= c >= 0;
                i++;
            }
            throw bad();
        }

        /** The rest of a string from its first escape; {@code start} is just past the opening quote. */
        private String escaped(int start) throws TokenVerificationException {
            StringBuilder sb = new StringBuilder(i - start + 16);
            int run = start;
            while (i < b.length) {
                byte c = b[i];
                if (c == '"' || c == '\\') {
                    // A run ends only at an ASCII byte, so it holds whole UTF-8 sequences.
                    sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                    i++;
                    if (c == '"') {
                        return text(sb.toString(), what);
                    }
                    sb.append(unescape());
                    run = i;
                } else if (c >= 0 && c < 0x20) {
                    throw bad();
                } else {
                    i++;
                }
            }
            throw bad();
        }

        private char unescape() throws TokenVerificationException {
            if (i >= b.length) {
                throw bad();
            }
            byte c = b[i++];
            switch (c) {
                case '"':
                case '\\':
                case '/':
                    return (char) c;
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'u':
                    if (i + 4 > b.length) {
                        throw bad();
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int h = Character.digit(b[i++], 16);
                        if (h < 0) {
                            throw bad();
                        }
                        v = v << 4 | h;
                    }
                    return (char) v;
                default:
                    throw bad();
            }
        }
    }

    /**
     * RFC 7519 §7.2: the JSON is UTF-8. Checked strictly here (malformed and overlong sequences and encoded
     * surrogates are errors, never U+FFFD or a guess), with no BOM and never as UTF-16 or UTF-32, so the token is
     * never read in a way another verifier refuses or reads differently. A zero byte (which no JSON text holds
     * unescaped) is refused here too. The reader then only meets complete, valid sequences inside strings.
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
        Arrays.fill(SEXTET, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTET[alphabet.charAt(i)] = (byte) i;
        }
    }

    private static int sextet(byte c) {
        return c >= 0 ? SEXTET[c] : -1;
    }

    /**
     * The bytes that {@code s[from, to)} (one byte per token character) spells as non-empty, unpadded, canonical base64url, or {@code null} if it is
     * not. One spelling per value (RFC 4648 §3.5): the bits of the last character that encode no byte must be zero,
     * else 16 (or 4) strings decode to the same bytes and anything keyed on the token string (a deny-list, a replay
     * cache, the verified-token cache) sees different tokens.
     */
    static byte[] decode(byte[] s, int from, int to) {
        int n = to - from;
        int rem = n % 4;
        if (n == 0 || rem == 1) {
            return null;
        }
        byte[] out = new byte[n / 4 * 3 + (rem == 0 ? 0 : rem - 1)];
        int o = 0;
        int i = from;
        for (int end = to - rem; i < end; i += 4) {
            int a = sextet(s[i]);
            int b = sextet(s[i + 1]);
            int c = sextet(s[i + 2]);
            int d = sextet(s[i + 3]);
            if ((a | b | c | d) < 0) {
                return null;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (rem == 2) {
            int a = sextet(s[i]);
            int b = sextet(s[i + 1]);
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return null;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (rem == 3) {
            int a = sextet(s[i]);
            int b = sextet(s[i + 1]);
            int c = sextet(s[i + 2]);
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
