package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;

/**
 * The signature check of one key on the hot path: the JCA {@link Signature} over the signing input, with the
 * {@link PublicKey} Nimbus converted once when the JWKS was fetched. Peers that go through a JOSE library's
 * verifier per token pay for a second header parse and a slower Base64 decode on every call; this keeps a cache
 * miss close to the bare {@code Signature.verify} (see docs/benchmarks.md). EC signatures still go through
 * Nimbus's checks: fixed length, r and s in range (the CVE-2022-21449 "psychic signature" guard), then its
 * JOSE-to-DER transcoding.
 */
final class SignatureCheck {

    private static final Map<JWSAlgorithm, String> JCA_NAMES = Map.of(
            JWSAlgorithm.RS256,
            "SHA256withRSA",
            JWSAlgorithm.RS384,
            "SHA384withRSA",
            JWSAlgorithm.RS512,
            "SHA512withRSA",
            JWSAlgorithm.ES256,
            "SHA256withECDSA",
            JWSAlgorithm.ES384,
            "SHA384withECDSA",
            JWSAlgorithm.ES512,
            "SHA512withECDSA",
            JWSAlgorithm.EdDSA,
            "Ed25519");

    private final JWSAlgorithm algorithm;
    private final PublicKey key;
    private final String jcaName;
    private final int ecSignatureLength;

    private SignatureCheck(JWSAlgorithm algorithm, PublicKey key, String jcaName, int ecSignatureLength) {
        this.algorithm = algorithm;
        this.key = key;
        this.jcaName = jcaName;
        this.ecSignatureLength = ecSignatureLength;
    }

    static SignatureCheck of(JWSAlgorithm algorithm, PublicKey key) throws JOSEException {
        String jcaName = JCA_NAMES.get(algorithm);
        if (jcaName == null) {
            throw new JOSEException("not a Vault signing algorithm: " + algorithm);
        }
        int ecLength = JWSAlgorithm.Family.EC.contains(algorithm) ? ECDSA.getSignatureByteArrayLength(algorithm) : 0;
        return new SignatureCheck(algorithm, key, jcaName, ecLength);
    }

    /** Whether {@code signature} (the decoded third part of the JWS) signs {@code signingInput} with this key. */
    boolean verify(byte[] signingInput, byte[] signature) {
        try {
            byte[] jcaSignature = signature;
            if (ecSignatureLength > 0) {
                if (signature.length != ecSignatureLength) {
                    return false;
                }
                ECDSA.ensureLegalSignature(signature, algorithm);
                jcaSignature = ECDSA.transcodeSignatureToDER(signature);
            } else if (algorithm == JWSAlgorithm.EdDSA && signature.length != 64) {
                return false;
            }
            // Signature objects are not thread-safe; getInstance is cheap next to the verification itself.
            Signature verifier = Signature.getInstance(jcaName);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(jcaSignature);
        } catch (GeneralSecurityException | JOSEException e) {
            return false;
        }
    }
}
