package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The token's JSON is read in one pass for speed (issue 15 §2). That reading must give exactly the verdicts and
 * values of the reference reading it replaced: strict UTF-8 decoded to a String, then Jackson's databind into a
 * map with duplicate detection and no trailing tokens, then a walk for unpaired surrogates. Any difference is a
 * token one of the two readings accepts and the other refuses, or a claim whose Java type (and so typed access)
 * changed. Checked on hand-picked edge cases and on many seeded mutations of them.
 */
class CompactTokenJsonTest {
    private static final ObjectReader REFERENCE = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});
    private static final String HEADER = "{\"alg\":\"RS256\",\"kid\":\"k1\"}";

    private static final List<String> SEEDS = List.of(
            "{\"aud\":\"Hb7kP2qW9xZ4mN8vR3tY6uJ1aQ\",\"exp\":1767229200,\"iat\":1767225600,"
                    + "\"iss\":\"https://vault.example.com:8200/v1/identity/oidc\",\"namespace\":\"root\","
                    + "\"sub\":\"6f2a4c3e-1b7d-4e9a-8c5f-0d1e2f3a4b5c\",\"groups\":[\"admins\",\"devs\"]}",
            "{}",
            " \t\r\n{ \"a\" : [ 1 , -0 , 2147483647 , 2147483648 , -2147483648 , -2147483649 ] } \n",
            "{\"l\":[9223372036854775807,9223372036854775808,-9223372036854775808,-9223372036854775809,"
                    + "1000000000000000000,99999999999999999999999999]}",
            "{\"f\":[1.5,-0.0,1e2,1E-2,1e400,-1e400,2.5e-400,0.1,123456789012345678901234567890.5]}",
            "{\"s\":\"caf\u00e9 \u20ac \uD83D\uDE00 \\ud83d\\ude00 \\u00e9 \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"}",
            "{\"n\":null,\"t\":true,\"f\":false,\"o\":{\"x\":{\"y\":[[],{},[null]]}},\"e\":\"\"}",
            "{\"\":1,\"a\":{\"a\":1},\"b\":{\"a\":2}}",
            "{\"dup\":1,\"dup\":2}",
            "{\"o\":{\"d\":null,\"d\":null}}",
            "{\"a\":1,}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":+1}",
            "{\"a\":NaN}",
            "{'a':1}",
            "{\"a\":1}/*c*/",
            "{\"a\":1}{}",
            "{\"a\":1} x",
            "[1,2]",
            "null",
            "\"str\"",
            "{\"a\":\"\\ud800\"}",
            "{\"\\udc00\":1}",
            "{\"a\":\"\\ud800\\u0041\"}",
            "{\"a\":\"tab\there\"}",
            "{\"a\":\"\\x41\"}",
            "{\"a\":tru}",
            "{\"a\" 1}",
            "{\"a\":[1 2]}",
            "\u00a0{}");

    /** What the verifier reads from this payload: the map, or the failure. */
    private static Object ours(byte[] payload) {
        String token = b64(HEADER.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload) + ".AAAA";
        try {
            return CompactToken.parse(token).payload;
        } catch (TokenVerificationException e) {
            assertThat(e.reason()).isEqualTo(VerificationFailure.MALFORMED);
            return REJECTED;
        }
    }

    private static final Object REJECTED = new Object() {
        @Override
        public String toString() {
            return "REJECTED";
        }
    };

    private static Object reference(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return REJECTED;
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            return REJECTED;
        }
        try {
            Map<String, Object> map = REFERENCE.readValue(text);
            return map == null || !wellFormed(map) ? REJECTED : map;
        } catch (Exception e) {
            return REJECTED;
        }
    }

    private static boolean wellFormed(Object v) {
        if (v instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
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
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!wellFormed(o)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Same verdict, same members in the same order, same Java types all the way down. */
    private static void assertSame(byte[] payload) {
        Object expected = reference(payload);
        Object actual = ours(payload);
        String what = new String(payload, StandardCharsets.ISO_8859_1);
        if (expected == REJECTED || actual == REJECTED) {
            assertThat(actual).as(what).isSameAs(expected);
            return;
        }
        assertThat(typed(actual)).as(what).isEqualTo(typed(expected));
    }

    /** A rendering that tells Integer 1 from Long 1 and keeps member order. */
    private static String typed(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, x) -> sb.append(k).append('=').append(typed(x)).append(','));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(typed(x)).append(','));
            return sb.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }

    @Test
    void handPickedCasesReadAsTheReferenceReadsThem() {
        for (String seed : SEEDS) {
            assertSame(seed.getBytes(StandardCharsets.UTF_8));
        }
        // The cases the reference accepts must be among them, or this test compares only refusals.
        assertThat(SEEDS.stream()
                        .filter(s -> reference(s.getBytes(StandardCharsets.UTF_8)) != REJECTED)
                        .count())
                .isGreaterThanOrEqualTo(7);
    }

    @Test
    void encodingEdgeCasesReadAsTheReferenceReadsThem() {
        List<byte[]> cases = new ArrayList<>();
        byte[][] inString = {
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {(byte) 0xC1, (byte) 0xBF},
            {(byte) 0xC2, (byte) 0x80}, // U+0080, the smallest two-byte form
            {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}, // overlong three-byte
            {(byte) 0xE0, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}, // U+D7FF
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate (CESU-8)
            {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF}, // U+FFFF
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, // U+FEFF inside a string is a character
            {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, // overlong four-byte
            {(byte) 0xF0, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, // U+10FFFF
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF},
            {(byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, // truncated
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, // truncated
            {0},
            {0x1F},
            {0x7F},
        };
        for (byte[] b : inString) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("{\"s\":\"a".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
            out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
            cases.add(out.toByteArray());
            // and at the very end of the document, where a truncated sequence has no bytes after it
            ByteArrayOutputStream end = new ByteArrayOutputStream();
            end.writeBytes("{\"s\":1}".getBytes(StandardCharsets.US_ASCII));
            end.writeBytes(b);
            cases.add(end.toByteArray());
        }
        String json = SEEDS.get(0);
        cases.add(("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
        cases.add(json.getBytes(StandardCharsets.UTF_16BE));
        cases.add(json.getBytes(StandardCharsets.UTF_16LE));
        cases.add(json.getBytes(StandardCharsets.UTF_16));
        cases.add(json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        cases.add(json.getBytes(java.nio.charset.Charset.forName("UTF-32LE")));
        cases.add(("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}").getBytes(StandardCharsets.US_ASCII));
        cases.add(("{\"a\":" + "[".repeat(900) + "]".repeat(900) + "}").getBytes(StandardCharsets.US_ASCII));
        cases.add(("{\"n\":" + "9".repeat(1001) + "}").getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : cases) {
            assertSame(c);
        }
    }

    /** Seeded byte mutations of the seeds: insert, delete and replace, with bytes that matter to JSON and UTF-8. */
    @Test
    void mutatedDocumentsReadAsTheReferenceReadsThem() {
        byte[] alphabet = "{}[]\",:\\/ \t\r\n0123456789-+.eEtrufalsn\"u\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] raw = {
            0,
            (byte) 0x80,
            (byte) 0xBF,
            (byte) 0xC0,
            (byte) 0xC3,
            (byte) 0xE0,
            (byte) 0xED,
            (byte) 0xEF,
            (byte) 0xF0,
            (byte) 0xF4,
            (byte) 0xFF,
            0x1F,
            0x7F
        };
        Random random = new Random(15);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] doc = SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && doc.length > 0; e++) {
                int at = random.nextInt(doc.length);
                byte b = random.nextInt(8) == 0
                        ? raw[random.nextInt(raw.length)]
                        : alphabet[random.nextInt(alphabet.length)];
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                switch (random.nextInt(3)) {
                    case 0 -> {
                        out.write(doc, 0, at);
                        out.write(b);
                        out.write(doc, at, doc.length - at);
                    }
                    case 1 -> {
                        out.write(doc, 0, at);
                        out.write(doc, at + 1, doc.length - at - 1);
                    }
                    default -> {
                        out.write(doc, 0, doc.length);
                    }
                }
                doc = out.toByteArray();
                if (doc.length > at && random.nextBoolean()) {
                    doc[at] = b;
                }
            }
            assertSame(doc);
            if (reference(doc) != REJECTED) {
                accepted++;
            }
        }
        // Both verdicts must be well represented, or the comparison says little.
        assertThat(accepted).isBetween(1_000, 19_000);
    }

    @Test
    void claimsAreImmutableAllTheWayDown() throws TokenVerificationException {
        Map<String, Object> payload = CompactToken.parse(b64(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                        + b64("{\"o\":{\"l\":[1,{\"x\":2}]}}".getBytes(StandardCharsets.UTF_8)) + ".AAAA")
                .payload;
        assertThatThrownBy(() -> payload.put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) payload.get("o");
        assertThatThrownBy(() -> o.remove("l")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) o.get("l");
        assertThatThrownBy(() -> l.add(3)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> x = (Map<String, Object>) l.get(1);
        assertThatThrownBy(() -> x.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> payload.entrySet().iterator().next().setValue(1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * The one-pass base64url reading of the parts: exactly the strings that are non-empty, unpadded, of the
     * base64url alphabet and canonical (unused trailing bits zero) decode, and to the JDK decoder's bytes.
     */
    @Test
    void partsDecodeAsTheJdkDecoderDoesExactlyWhenCanonical() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String others = "+/=.~ \u00e9\u0100\uD83D";
        Random random = new Random(15);
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(14);
            for (int k = 0; k < len; k++) {
                sb.append(
                        random.nextInt(40) == 0
                                ? others.charAt(random.nextInt(others.length()))
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String part = sb.toString();
            boolean canonical = !part.isEmpty()
                    && part.length() % 4 != 1
                    && part.chars().allMatch(c -> alphabet.indexOf(c) >= 0)
                    && Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(Base64.getUrlDecoder().decode(part))
                            .equals(part);
            String framed = "x." + part + ".y";
            byte[] decoded = CompactToken.decode(framed, 2, 2 + part.length());
            if (canonical) {
                valid++;
                assertThat(decoded).as(part).isEqualTo(Base64.getUrlDecoder().decode(part));
            } else {
                assertThat(decoded).as(part).isNull();
            }
        }
        assertThat(valid).isBetween(5_000, 45_000);
    }
}
