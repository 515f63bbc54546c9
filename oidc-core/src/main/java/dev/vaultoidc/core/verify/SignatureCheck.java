package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
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
 *
 * <p>With a native provider ({@link SignatureProvider}) only the last step changes: the same checks and the same
 * DER bytes go to that provider's {@code Signature}, and the key is translated to its own type once, here, so the
 * hot path does not convert it per token. No provider is ever registered globally.
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
    /** The native provider, or null for the JDK's default provider order. */
    private final Provider provider;

    private SignatureCheck(
            JWSAlgorithm algorithm, PublicKey key, String jcaName, int ecSignatureLength, Provider provider) {
        this.algorithm = algorithm;
        this.key = key;
        this.jcaName = jcaName;
        this.ecSignatureLength = ecSignatureLength;
        this.provider = provider;
    }

    /** A check on the JDK's providers. */
    static SignatureCheck of(JWSAlgorithm algorithm, PublicKey key) throws JOSEException {
        return of(algorithm, key, null);
    }

    /** A check on {@code provider}, or on the JDK's providers when it is null. */
    static SignatureCheck of(JWSAlgorithm algorithm, PublicKey key, Provider provider) throws JOSEException {
        String jcaName = jcaName(algorithm);
        if (jcaName == null) {
            throw new JOSEException("not a Vault signing algorithm: " + algorithm);
        }
        int ecLength = JWSAlgorithm.Family.EC.contains(algorithm) ? ECDSA.getSignatureByteArrayLength(algorithm) : 0;
        if (provider != null) {
            PublicKey nativeKey = translate(key, provider);
            if (nativeKey != null) {
                return new SignatureCheck(algorithm, nativeKey, jcaName, ecLength, provider);
            }
        }
        return new SignatureCheck(algorithm, key, jcaName, ecLength, null);
    }

    /** The JCA signature name of a Vault algorithm, or null. */
    static String jcaName(JWSAlgorithm algorithm) {
        return JCA_NAMES.get(algorithm);
    }

    /** The provider this check uses, or null for the JDK's. */
    Provider provider() {
        return provider;
    }

    /**
     * The key as the provider's own key type, so it does not convert a foreign key on every {@code initVerify}.
     * Where the provider has no key factory for it (ACCP has none for Ed25519), it takes the JDK key as it is. Null
     * when the provider refuses the key: then the JDK checks this key, so a key the JDK path accepts is never
     * dropped on the native path.
     */
    private static PublicKey translate(PublicKey key, Provider provider) {
        if (provider.getService("KeyFactory", key.getAlgorithm()) == null) {
            return key;
        }
        try {
            return (PublicKey)
                    KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
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
            Signature verifier =
                    provider == null ? Signature.getInstance(jcaName) : Signature.getInstance(jcaName, provider);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(jcaSignature);
        } catch (GeneralSecurityException | JOSEException | RuntimeException e) {
            // A provider may throw an unchecked exception for a malformed input; that is a failed check, never a crash.
            return false;
        }
    }
}
