package dev.vaultoidc.core.verify;

import static dev.vaultoidc.core.verify.VerificationFailure.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import dev.vaultoidc.emulator.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every token here must be rejected, each for its own named reason. */
class HostileTokenCorpusTest {
    static {
        QuietLogs.apply();
    }

    static final MockWebServer SERVER = new MockWebServer();
    static final EmulatorClock CLOCK = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));
    static final TestKey RSA = TestKey.rsa("RS256");
    static final TestKey EC = TestKey.ec("ES256");
    static final TestKey ED = TestKey.ed25519();
    static final TestKey ED_ATTACKER = TestKey.ed25519();
    static final TestKey ATTACKER = TestKey.rsa("RS256");
    static final TestKey OTHER_ISSUER_KEY = TestKey.rsa("RS256");
    static VaultOidcStub vault;
    static TokenVerifier verifier;
    static String downIssuer;

    /** The JDK's verdicts are the reference; the native provider (ACCP) must give exactly the same ones. */
    static TokenVerifier nativeVerifier;

    @BeforeAll
    static void start() throws Exception {
        SERVER.start();
        vault = new VaultOidcStub(SERVER);
        vault.publish(RSA, EC, ED);
        downIssuer = SERVER.url("/v1/down/identity/oidc").toString();
        verifier = verifier(SignatureProvider.JDK);
        nativeVerifier = verifier(SignatureProvider.NATIVE);
    }

    static TokenVerifier verifier(SignatureProvider signatures) {
        return TokenVerifier.builder()
                .issuer(vault.issuer())
                .issuer(downIssuer)
                .audiences(Tokens.CLIENT_ID)
                .clock(CLOCK)
                .executor(Runnable::run)
                .requireNamespaceId("root")
                .requireClaimContains("groups", "admins")
                .signatureProvider(signatures)
                .introspector(
                        (token, clientId) -> {
                            Object sub = JWSObject.parse(token)
                                    .getPayload()
                                    .toJSONObject()
                                    .get("sub");
                            if ("introspection-down".equals(sub)) {
                                throw new java.io.IOException("Vault 503");
                            }
                            return "disabled-entity".equals(sub)
                                    ? TokenIntrospector.Result.inactive("entity is disabled")
                                    : TokenIntrospector.Result.ofActive();
                        },
                        Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        verifier.close();
        nativeVerifier.close();
        SERVER.close();
    }

    static Map<String, Object> claims() {
        return Tokens.vaultClaims(vault.issuer(), CLOCK.instant());
    }

    static String valid() {
        return Tokens.mint(RSA, claims());
    }

    static String withClaim(String name, Object value) {
        Map<String, Object> c = claims();
        if (value == null) {
            c.remove(name);
        } else {
            c.put(name, value);
        }
        return Tokens.mint(RSA, c);
    }

    static String withHeader(TestKey signer, String name, Object value) {
        Map<String, Object> h = new LinkedHashMap<>(Tokens.header(signer));
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, value);
        }
        return Tokens.mint(signer, h, claims());
    }

    static String[] parts(String token) {
        return token.split("\\.", -1);
    }

    static String hs256WithPublicKeyBytes() throws Exception {
        String input = Tokens.b64("{\"alg\":\"HS256\",\"kid\":\"" + RSA.kid() + "\"}") + "."
                + Tokens.b64(Tokens.json(claims()));
        Mac mac = Mac.getInstance("HmacSHA256");
        // The classic confusion attack: the "secret" is the RSA public key the verifier already trusts.
        mac.init(new SecretKeySpec(RSA.publicJwk().toRSAKey().toPublicKey().getEncoded(), "HmacSHA256"));
        return input + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    interface TokenSource {
        String get() throws Exception;
    }

    static Arguments c(String name, VerificationFailure reason, TokenSource token) {
        return Arguments.of(name, reason, token);
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                c("empty string", MALFORMED, () -> ""),
                c("one part", MALFORMED, () -> "eyJhbGciOiJSUzI1NiJ9"),
                c("two parts", MALFORMED, () -> parts(valid())[0] + "." + parts(valid())[1]),
                c("four parts", MALFORMED, () -> valid() + ".AAAA"),
                c(
                        "JWE compact (5 parts)",
                        MALFORMED,
                        () -> Tokens.b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".AAAA.AAAA.AAAA.AAAA"),
                c(
                        "JWE header in 3 parts",
                        MALFORMED,
                        () -> Tokens.signRaw(
                                RSA,
                                "{\"alg\":\"RS256\",\"enc\":\"A256GCM\",\"kid\":\"" + RSA.kid() + "\"}",
                                Tokens.json(claims()))),
                c("empty signature", MALFORMED, () -> parts(valid())[0] + "." + parts(valid())[1] + "."),
                c("empty header", MALFORMED, () -> "." + parts(valid())[1] + "." + parts(valid())[2]),
                c("empty payload", MALFORMED, () -> parts(valid())[0] + ".." + parts(valid())[2]),
                c("padded signature", MALFORMED, () -> valid() + "=="),
                c("padded header", MALFORMED, () -> {
                    String[] p = parts(valid());
                    String h = Tokens.json(Tokens.header(RSA));
                    while (h.length() % 3 == 0) {
                        h = h + " ";
                    }
                    return Base64.getUrlEncoder().encodeToString(h.getBytes(StandardCharsets.UTF_8)) + "." + p[1] + "."
                            + p[2];
                }),
                c("standard base64 alphabet", MALFORMED, () -> {
                    String[] p = parts(valid());
                    return p[0] + "." + p[1] + "." + p[2].replace('-', '+').replace('_', '/') + "+/";
                }),
                c("whitespace inside", MALFORMED, () -> valid().replaceFirst("\\.", ". ")),
                c("impossible base64 length", MALFORMED, () -> {
                    String[] p = parts(valid());
                    return p[0] + "." + p[1] + "A." + p[2];
                }),
                c("header not JSON", MALFORMED, () -> Tokens.signRaw(RSA, "alg=RS256", Tokens.json(claims()))),
                c("header is a JSON array", MALFORMED, () -> Tokens.signRaw(RSA, "[\"RS256\"]", Tokens.json(claims()))),
                c(
                        "payload not JSON",
                        MALFORMED,
                        () -> Tokens.signRaw(RSA, Tokens.json(Tokens.header(RSA)), "sub=admin")),
                c("duplicate claim (second sub)", MALFORMED, () -> {
                    String json = Tokens.json(claims());
                    return Tokens.signRaw(
                            RSA,
                            Tokens.json(Tokens.header(RSA)),
                            json.substring(0, json.length() - 1) + ",\"sub\":\"root-entity\"}");
                }),
                c(
                        "duplicate header alg",
                        MALFORMED,
                        () -> Tokens.signRaw(
                                RSA,
                                "{\"alg\":\"RS256\",\"kid\":\"" + RSA.kid() + "\",\"alg\":\"none\"}",
                                Tokens.json(claims()))),
                c(
                        "trailing JSON after payload",
                        MALFORMED,
                        () -> Tokens.signRaw(RSA, Tokens.json(Tokens.header(RSA)), Tokens.json(claims()) + "{}")),
                c(
                        "alg none",
                        FORBIDDEN_ALGORITHM,
                        () -> Tokens.b64("{\"alg\":\"none\"}") + "." + Tokens.b64(Tokens.json(claims())) + ".AAAA"),
                c(
                        "alg NONE upper case",
                        FORBIDDEN_ALGORITHM,
                        () -> Tokens.b64("{\"alg\":\"NONE\",\"kid\":\"" + RSA.kid() + "\"}") + "."
                                + Tokens.b64(Tokens.json(claims())) + ".AAAA"),
                c(
                        "HS256 keyed with the RSA public key",
                        FORBIDDEN_ALGORITHM,
                        HostileTokenCorpusTest::hs256WithPublicKeyBytes),
                c("PS256 (not a Vault algorithm)", FORBIDDEN_ALGORITHM, () -> withHeader(RSA, "alg", "PS256")),
                c("alg missing", MALFORMED, () -> withHeader(RSA, "alg", null)),
                c("alg not a string", MALFORMED, () -> withHeader(RSA, "alg", 256)),
                c("RS384 header on an RS256 key", UNSUPPORTED_ALGORITHM, () -> withHeader(RSA, "alg", "RS384")),
                c("ES256 header naming the RSA kid", UNSUPPORTED_ALGORITHM, () -> {
                    Map<String, Object> h = Tokens.header(EC);
                    h.put("kid", RSA.kid());
                    return Tokens.mint(EC, h, claims());
                }),
                c("kid missing", UNKNOWN_KEY, () -> withHeader(RSA, "kid", null)),
                c("kid unknown", UNKNOWN_KEY, () -> withHeader(RSA, "kid", "no-such-kid")),
                c("kid of another issuer's key", UNKNOWN_KEY, () -> Tokens.mint(OTHER_ISSUER_KEY, claims())),
                c(
                        "jku pointing elsewhere, signed by its key",
                        UNKNOWN_KEY,
                        () -> withHeader(ATTACKER, "jku", "https://attacker.example/keys")),
                c(
                        "x5u pointing elsewhere, signed by its key",
                        UNKNOWN_KEY,
                        () -> withHeader(ATTACKER, "x5u", "https://attacker.example/cert.pem")),
                c("embedded jwk with the real kid", BAD_SIGNATURE, () -> {
                    Map<String, Object> h = Tokens.header(ATTACKER);
                    h.put("kid", RSA.kid());
                    h.put("jwk", ATTACKER.publicJwk().toJSONObject());
                    return Tokens.mint(ATTACKER, h, claims());
                }),
                c("jku with the real kid, signed elsewhere", BAD_SIGNATURE, () -> {
                    Map<String, Object> h = Tokens.header(ATTACKER);
                    h.put("kid", RSA.kid());
                    h.put("jku", "https://attacker.example/keys");
                    return Tokens.mint(ATTACKER, h, claims());
                }),
                c("x5c with the real kid, signed elsewhere", BAD_SIGNATURE, () -> {
                    Map<String, Object> h = Tokens.header(ATTACKER);
                    h.put("kid", RSA.kid());
                    h.put("x5c", List.of("MIIBszCCAVmgAwIBAgIUAA=="));
                    return Tokens.mint(ATTACKER, h, claims());
                }),
                c("tampered payload", BAD_SIGNATURE, () -> {
                    String[] p = parts(valid());
                    Map<String, Object> c = claims();
                    c.put("sub", "root-entity");
                    return p[0] + "." + Tokens.b64(Tokens.json(c)) + "." + p[2];
                }),
                c("tampered header", BAD_SIGNATURE, () -> {
                    String[] p = parts(valid());
                    Map<String, Object> h = Tokens.header(RSA);
                    h.put("typ", "JWT");
                    return Tokens.b64(Tokens.json(h)) + "." + p[1] + "." + p[2];
                }),
                c("truncated signature", BAD_SIGNATURE, () -> {
                    String t = valid();
                    // Cut to a whole 4-character group, so the rest is still canonical base64url (issue 17 item 4).
                    return t.substring(0, t.length() - 8 - (t.length() - t.lastIndexOf('.') - 1) % 4);
                }),
                c("real kid, signed by another key", BAD_SIGNATURE, () -> {
                    Map<String, Object> h = Tokens.header(ATTACKER);
                    h.put("kid", RSA.kid());
                    return Tokens.mint(ATTACKER, h, claims());
                }),
                c("ES256 signature of zeros", BAD_SIGNATURE, () -> {
                    String[] p = parts(Tokens.mint(EC, claims()));
                    return p[0] + "." + p[1] + "."
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
                }),
                c("EdDSA signed by another Ed25519 key", BAD_SIGNATURE, () -> {
                    Map<String, Object> h = Tokens.header(ED_ATTACKER);
                    h.put("kid", ED.kid());
                    return Tokens.mint(ED_ATTACKER, h, claims());
                }),
                c("EdDSA signature one byte short", BAD_SIGNATURE, () -> {
                    String[] p = parts(Tokens.mint(ED, claims()));
                    byte[] sig = Base64.getUrlDecoder().decode(p[2]);
                    return p[0] + "." + p[1] + "."
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sig, 63));
                }),
                c("EdDSA header naming the EC kid", UNSUPPORTED_ALGORITHM, () -> {
                    Map<String, Object> h = Tokens.header(ED);
                    h.put("kid", EC.kid());
                    return Tokens.mint(ED, h, claims());
                }),
                c(
                        "expired",
                        EXPIRED,
                        () -> withClaim("exp", CLOCK.instant().minusSeconds(61).getEpochSecond())),
                c(
                        "not yet valid",
                        NOT_YET_VALID,
                        () -> withClaim("nbf", CLOCK.instant().plusSeconds(120).getEpochSecond())),
                c(
                        "issued in the future",
                        ISSUED_IN_FUTURE,
                        () -> withClaim("iat", CLOCK.instant().plusSeconds(120).getEpochSecond())),
                c(
                        "issuer not allow-listed",
                        WRONG_ISSUER,
                        () -> withClaim("iss", "https://evil.example/v1/identity/oidc")),
                c("issuer with trailing slash", WRONG_ISSUER, () -> withClaim("iss", vault.issuer() + "/")),
                c(
                        "issuer of another namespace",
                        WRONG_ISSUER,
                        () -> withClaim("iss", vault.issuer().replace("/v1/identity", "/v1/ns1/identity"))),
                c("iss missing", MISSING_CLAIM, () -> withClaim("iss", null)),
                c("iss not a string", MISSING_CLAIM, () -> withClaim("iss", List.of(vault.issuer()))),
                c("aud other client", WRONG_AUDIENCE, () -> withClaim("aud", "other-client")),
                c("aud array without the client id", WRONG_AUDIENCE, () -> withClaim("aud", List.of("a", "b"))),
                c("aud empty array", WRONG_AUDIENCE, () -> withClaim("aud", List.of())),
                c("aud missing", MISSING_CLAIM, () -> withClaim("aud", null)),
                c("aud number", MALFORMED, () -> withClaim("aud", 42)),
                c("exp missing", MISSING_CLAIM, () -> withClaim("exp", null)),
                c("iat missing", MISSING_CLAIM, () -> withClaim("iat", null)),
                c("sub missing", MISSING_CLAIM, () -> withClaim("sub", null)),
                c("exp as string", MALFORMED, () -> withClaim("exp", "4102444800")),
                c(
                        "exp beyond any date",
                        MALFORMED,
                        () -> withClaim("exp", new java.math.BigInteger("1000000000000000000000000000000"))),
                c("namespace of another namespace", CLAIM_MISMATCH, () -> withClaim("namespace", "aBc12")),
                c("group claim without the group", CLAIM_MISMATCH, () -> withClaim("groups", List.of("devs"))),
                c("group claim missing", MISSING_CLAIM, () -> withClaim("groups", null)),
                c("crit header", UNSUPPORTED_HEADER, () -> {
                    Map<String, Object> h = Tokens.header(RSA);
                    h.put("crit", List.of("exp"));
                    h.put("exp", 1);
                    return Tokens.mint(RSA, h, claims());
                }),
                c("unencoded payload (b64 false)", UNSUPPORTED_HEADER, () -> {
                    Map<String, Object> h = Tokens.header(RSA);
                    h.put("b64", false);
                    h.put("crit", List.of("b64"));
                    return Tokens.mint(RSA, h, claims());
                }),
                c("nested JWT (cty JWT)", UNSUPPORTED_HEADER, () -> withHeader(RSA, "cty", "JWT")),
                c("typ of another token kind", UNSUPPORTED_HEADER, () -> withHeader(RSA, "typ", "at+jwt")),
                c("huge garbage", TOO_LARGE, () -> "a".repeat(20_000)),
                c("huge but validly signed", TOO_LARGE, () -> withClaim("padding", "x".repeat(17_000))),
                c("issuer whose Vault is down", KEYS_UNAVAILABLE, () -> withClaim("iss", downIssuer)),
                c("entity disabled (online check)", INACTIVE, () -> withClaim("sub", "disabled-entity")),
                c("online check unavailable", INTROSPECTION_UNAVAILABLE, () -> withClaim("sub", "introspection-down")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void rejectsHostileToken(String name, VerificationFailure expected, TokenSource source) throws Exception {
        String token = source.get();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(TokenVerificationException.class, e -> {
            assertThat(e.reason()).as(name).isEqualTo(expected);
            if (token.length() > 20) {
                assertThat(e.getMessage()).doesNotContain(token);
            }
        });
    }

    /** What a verifier made of a token: the reason and message it was rejected with, or "accepted". */
    static String verdict(TokenVerifier v, String token) {
        try {
            VerifiedToken t = v.verify(token);
            return "accepted " + t.keyId() + " " + t.entityId();
        } catch (TokenVerificationException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void nativeSignatureChecksGiveTheJdksVerdict(String name, VerificationFailure expected, TokenSource source)
            throws Exception {
        assertThat(nativeVerifier.signatureStatus().nativeAlgorithms()).contains("RS256", "ES256", "EdDSA");
        String token = source.get();

        String jdk = verdict(verifier, token);

        assertThat(verdict(nativeVerifier, token)).as(name).isEqualTo(jdk);
        assertThat(jdk).as(name).startsWith(expected.name());
    }

    @Test
    void nativeSignatureChecksAcceptTheUntamperedTokens() {
        for (TestKey key : List.of(RSA, EC, ED)) {
            String token = Tokens.mint(key, claims());
            assertThat(verdict(nativeVerifier, token)).startsWith("accepted").isEqualTo(verdict(verifier, token));
        }
    }

    @Test
    void corpusCoversEveryReason() {
        Set<VerificationFailure> covered = EnumSet.noneOf(VerificationFailure.class);
        corpus().forEach(a -> covered.add((VerificationFailure) a.get()[1]));
        assertThat(covered).containsExactlyInAnyOrder(VerificationFailure.values());
        assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theUntamperedTokensPass() throws Exception {
        assertThat(verifier.verify(valid()).entityId()).isNotEmpty();
        assertThat(verifier.verify(Tokens.mint(EC, claims())).algorithm()).isEqualTo("ES256");
        assertThat(verifier.verify(Tokens.mint(ED, claims())).algorithm()).isEqualTo("EdDSA");
    }
}
