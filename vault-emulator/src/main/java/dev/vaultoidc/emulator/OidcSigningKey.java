package dev.vaultoidc.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One generated signing key of a named key (spec §7.3): its private material, its public JWK and
 * the JWS operations on it. Immutable.
 *
 * <p>RSA and EC keys are generated and used through Nimbus. Ed25519 goes through the JDK
 * ({@code KeyPairGenerator}/{@code Signature} "Ed25519", Java 15+) because Nimbus's Ed25519
 * generator, signer and verifier all require Google Tink, which would add Tink, protobuf and gson to
 * the emulator's users' classpath for one algorithm.
 */
final class OidcSigningKey {

    /** Vault's supported algorithms, in the order of the discovery document (spec §7.8). */
    static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA");

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw 32-byte key follows it. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private final String kid;
    private final String algorithm;
    private final JWK jwk; // private for RSA/EC; public OKP for Ed25519
    private final PrivateKey edPrivate;
    private final PublicKey edPublic;

    private OidcSigningKey(String kid, String algorithm, JWK jwk, PrivateKey edPrivate, PublicKey edPublic) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.jwk = jwk;
        this.edPrivate = edPrivate;
        this.edPublic = edPublic;
    }

    /** Fresh key material with a fresh UUID key ID, as {@code generateKeys} does. */
    static OidcSigningKey generate(String algorithm) {
        String kid = UUID.randomUUID().toString();
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        try {
            switch (algorithm) {
                case "RS256", "RS384", "RS512" -> {
                    RSAKey key = new RSAKeyGenerator(2048)
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(alg)
                            .generate();
                    return new OidcSigningKey(kid, algorithm, key, null, null);
                }
                case "ES256", "ES384", "ES512" -> {
                    Curve curve = switch (algorithm) {
                        case "ES256" -> Curve.P_256;
                        case "ES384" -> Curve.P_384;
                        default -> Curve.P_521;
                    };
                    ECKey key = new ECKeyGenerator(curve)
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(alg)
                            .generate();
                    return new OidcSigningKey(kid, algorithm, key, null, null);
                }
                case "EdDSA" -> {
                    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    byte[] spki = pair.getPublic().getEncoded();
                    byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                    OctetKeyPair pub = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(alg)
                            .build();
                    return new OidcSigningKey(kid, algorithm, pub, pair.getPrivate(), pair.getPublic());
                }
                default -> throw new IllegalArgumentException("unknown signing algorithm " + algorithm);
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed for " + algorithm, e);
        }
    }

    String kid() {
        return kid;
    }

    String algorithm() {
        return algorithm;
    }

    /**
     * The public JWK as go-jose marshals it (spec §7.9): {@code use, kty, kid, [crv,] alg, n, e}
     * or {@code x[, y]}.
     */
    Map<String, Object> publicJwk() {
        Map<String, Object> nimbus = jwk.toPublicJWK().toJSONObject();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("use", "sig");
        out.put("kty", nimbus.get("kty"));
        out.put("kid", kid);
        if (nimbus.containsKey("crv")) {
            out.put("crv", nimbus.get("crv"));
        }
        out.put("alg", algorithm);
        for (String member : List.of("n", "e", "x", "y")) {
            if (nimbus.containsKey(member)) {
                out.put(member, nimbus.get(member));
            }
        }
        return out;
    }

    /** Compact JWS of {@code payload} with the header {@code {"alg":..,"kid":..}} (no typ, spec §7.6). */
    String sign(String payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm);
        header.put("kid", kid);
        String signingInput = Base64URL.encode(OidcJson.write(header)).toString() + "."
                + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            Base64URL signature;
            JWSHeader nimbusHeader = new JWSHeader(JWSAlgorithm.parse(algorithm));
            if (jwk instanceof RSAKey rsa) {
                signature = new RSASSASigner(rsa).sign(nimbusHeader, input);
            } else if (jwk instanceof ECKey ec) {
                signature = new ECDSASigner(ec).sign(nimbusHeader, input);
            } else {
                Signature ed = Signature.getInstance("Ed25519");
                ed.initSign(edPrivate);
                ed.update(input);
                signature = Base64URL.encode(ed.sign());
            }
            return signingInput + "." + signature;
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * Whether {@code signature} over {@code signingInput} verifies with this key under the
     * token's header {@code alg}; like go-jose, a header algorithm that does not fit the key fails.
     */
    boolean verifies(String headerAlg, byte[] signingInput, byte[] signature) {
        try {
            if (!algorithmFits(headerAlg)) {
                return false;
            }
            JWSHeader header = new JWSHeader(JWSAlgorithm.parse(headerAlg));
            if (jwk instanceof RSAKey rsa) {
                return new RSASSAVerifier(rsa.toRSAPublicKey())
                        .verify(header, signingInput, Base64URL.encode(signature));
            }
            if (jwk instanceof ECKey ec) {
                return new ECDSAVerifier(ec.toECPublicKey()).verify(header, signingInput, Base64URL.encode(signature));
            }
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(edPublic);
            ed.update(signingInput);
            return ed.verify(signature);
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private boolean algorithmFits(String headerAlg) {
        if (jwk instanceof RSAKey) {
            return headerAlg.startsWith("RS") || headerAlg.startsWith("PS");
        }
        if (jwk instanceof ECKey ec) {
            return ECDSAVerifier.SUPPORTED_ALGORITHMS.contains(JWSAlgorithm.parse(headerAlg))
                    && Curve.forJWSAlgorithm(JWSAlgorithm.parse(headerAlg)).contains(ec.getCurve());
        }
        return "EdDSA".equals(headerAlg) || "Ed25519".equals(headerAlg);
    }

    /** Rebuilds a JDK Ed25519 public key from the raw JWK {@code x}; used by tests and docs. */
    static PublicKey ed25519PublicKey(byte[] x) throws GeneralSecurityException {
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + x.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
        return java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    }
}
