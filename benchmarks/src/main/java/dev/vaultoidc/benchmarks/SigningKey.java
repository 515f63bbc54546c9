package dev.vaultoidc.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signing key as Vault holds one: a key pair, its {@code kid} and algorithm, published as a JWK with
 * {@code use: sig} and {@code alg} (spec §7.9). Signs with the JDK directly so every algorithm works without extra
 * providers (Nimbus's Ed25519 signer would need Google Tink).
 */
final class SigningKey {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final String alg;
    final String kid;
    final KeyPair pair;

    private SigningKey(String alg, String kid, KeyPair pair) {
        this.alg = alg;
        this.kid = kid;
        this.pair = pair;
    }

    /** RS256 (RSA 2048, Vault's default), ES256 (P-256) or EdDSA (Ed25519). */
    static SigningKey generate(String alg, String kid) {
        try {
            KeyPairGenerator g;
            switch (alg) {
                case "RS256" -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                }
                case "ES256" -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                }
                case "EdDSA" -> g = KeyPairGenerator.getInstance("Ed25519");
                default -> throw new IllegalArgumentException("unsupported algorithm " + alg);
            }
            return new SigningKey(alg, kid, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The JCA algorithm name used for the raw-signature limit. */
    String jcaAlgorithm() {
        return switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
    }

    /** The public JWK, as Vault publishes it under {@code .well-known/keys}. */
    JWK publicJwk() {
        JWSAlgorithm a = JWSAlgorithm.parse(alg);
        return switch (alg) {
            case "RS256" ->
                new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                        .keyID(kid)
                        .algorithm(a)
                        .keyUse(KeyUse.SIGNATURE)
                        .build();
            case "ES256" ->
                new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                        .keyID(kid)
                        .algorithm(a)
                        .keyUse(KeyUse.SIGNATURE)
                        .build();
            default -> {
                byte[] spki = pair.getPublic().getEncoded();
                // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix followed by the raw 32-byte key.
                byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                yield new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw))
                        .keyID(kid)
                        .algorithm(a)
                        .keyUse(KeyUse.SIGNATURE)
                        .build();
            }
        };
    }

    /** A compact JWS over {@code payloadJson} with Vault's header ({@code alg}, {@code kid}; no {@code typ}). */
    String sign(String payloadJson) {
        String header = "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}";
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance(jcaAlgorithm());
            s.initSign(pair.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            if (alg.equals("ES256")) {
                sig = ECDSA.transcodeSignatureToConcat(sig, 64); // JWS wants R||S, the JDK gives DER
            }
            return input + "." + B64.encodeToString(sig);
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
