package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.UUID;

/** A Vault-shaped signing key (spec §7.3): public JWK with kid (UUID), use sig and alg; private key for minting. */
record TestKey(JWK publicJwk, PrivateKey privateKey, String alg) {
    String kid() {
        return publicJwk.getKeyID();
    }

    static TestKey rsa(String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            JWK jwk = new RSAKey.Builder((RSAPublicKey) kp.getPublic())
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.parse(alg))
                    .build();
            return new TestKey(jwk, kp.getPrivate(), alg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestKey ec(String alg) {
        Curve curve = switch (alg) {
            case "ES256" -> Curve.P_256;
            case "ES384" -> Curve.P_384;
            default -> Curve.P_521;
        };
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve.getStdName()));
            KeyPair kp = g.generateKeyPair();
            JWK jwk = new ECKey.Builder(curve, (ECPublicKey) kp.getPublic())
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.parse(alg))
                    .build();
            return new TestKey(jwk, kp.getPrivate(), alg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestKey ed25519() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] der = kp.getPublic().getEncoded();
            byte[] x = Arrays.copyOfRange(der, der.length - 32, der.length);
            JWK jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.EdDSA)
                    .build();
            return new TestKey(jwk, kp.getPrivate(), "EdDSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs a JWS signing input the way Vault (go-jose) does for this key's algorithm. */
    byte[] sign(byte[] signingInput) {
        try {
            String jca = switch (alg) {
                case "RS256" -> "SHA256withRSA";
                case "RS384" -> "SHA384withRSA";
                case "RS512" -> "SHA512withRSA";
                case "ES256" -> "SHA256withECDSA";
                case "ES384" -> "SHA384withECDSA";
                case "ES512" -> "SHA512withECDSA";
                default -> "Ed25519";
            };
            Signature s = Signature.getInstance(jca);
            s.initSign(privateKey);
            s.update(signingInput);
            byte[] sig = s.sign();
            if (alg.startsWith("ES")) {
                int len = switch (alg) {
                    case "ES256" -> 64;
                    case "ES384" -> 96;
                    default -> 132;
                };
                return ECDSA.transcodeSignatureToConcat(sig, len);
            }
            return sig;
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
