package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * Ed25519 ({@code EdDSA}) verification with the JDK's own provider.
 *
 * <p>Why not Nimbus's {@code Ed25519Verifier}: in nimbus-jose-jwt 10.x it delegates to Google Tink
 * ({@code com.google.crypto.tink.subtle.Ed25519Verify}), an optional dependency we do not want to force on
 * users. The JDK has had Ed25519 since 15 ({@code Signature.getInstance("Ed25519")}), so this adapter plugs
 * the JDK into Nimbus's {@link JWSVerifier} contract. Nimbus still parses the JOSE object; only the
 * signature check runs here. The key is converted once, when the JWKS snapshot is built.
 */
final class JdkEd25519Verifier implements JWSVerifier {
    /** DER prefix of a SubjectPublicKeyInfo for Ed25519 (RFC 8410): SEQ { SEQ { OID 1.3.101.112 }, BIT STRING }. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PublicKey publicKey;
    private final JCAContext jcaContext = new JCAContext();

    JdkEd25519Verifier(OctetKeyPair jwk) throws JOSEException {
        if (!Curve.Ed25519.equals(jwk.getCurve())) {
            throw new JOSEException("only the Ed25519 curve is supported for EdDSA");
        }
        byte[] x = jwk.getX().decode();
        if (x.length != 32) {
            throw new JOSEException("Ed25519 public key must be 32 bytes");
        }
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(x, 0, der, X509_PREFIX.length, 32);
        try {
            this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("invalid Ed25519 public key", e);
        }
    }

    /** The converted key, for {@link SignatureCheck}. */
    PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, com.nimbusds.jose.util.Base64URL signature)
            throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            return false;
        }
        byte[] sig = signature.decode();
        if (sig.length != 64) {
            return false;
        }
        try {
            // Signature objects are not thread-safe; creating one is cheap next to the verification itself.
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(signingInput);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
