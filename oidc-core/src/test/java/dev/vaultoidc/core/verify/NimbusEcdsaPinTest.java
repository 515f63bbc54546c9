package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link SignatureCheck} and {@link KeySnapshot} use of Nimbus's <em>internal</em>
 * {@code com.nimbusds.jose.crypto.impl.ECDSA}: it is not Nimbus API and may change in any release. If this
 * test fails after a Nimbus upgrade, the verifier's ECDSA path must be re-checked (or the helpers written
 * here); do not just update the expectations.
 */
class NimbusEcdsaPinTest {

    private static final String WHY = "Nimbus internal com.nimbusds.jose.crypto.impl.ECDSA changed: "
            + "re-check SignatureCheck and KeySnapshot before upgrading Nimbus";

    @Test
    void signatureLengthsAreTheJoseConcatenatedSizes() throws JOSEException {
        assertThat(ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES256))
                .as(WHY)
                .isEqualTo(64);
        assertThat(ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES384))
                .as(WHY)
                .isEqualTo(96);
        assertThat(ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES512))
                .as(WHY)
                .isEqualTo(132);
    }

    @Test
    void curvesResolveToTheirAlgorithms() throws JOSEException {
        assertThat(ECDSA.resolveAlgorithm(Curve.P_256)).as(WHY).isEqualTo(JWSAlgorithm.ES256);
        assertThat(ECDSA.resolveAlgorithm(Curve.P_384)).as(WHY).isEqualTo(JWSAlgorithm.ES384);
        assertThat(ECDSA.resolveAlgorithm(Curve.P_521)).as(WHY).isEqualTo(JWSAlgorithm.ES512);
    }

    @Test
    void transcodesAJoseSignatureToTheDerTheJdkVerifies() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(input);
        byte[] jose = ECDSA.transcodeSignatureToConcat(signer.sign(), 64);

        byte[] der = ECDSA.transcodeSignatureToDER(jose);

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(input);
        assertThat(verifier.verify(der)).as(WHY).isTrue();
    }

    @Test
    void rejectsTheZeroSignature() {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 must never reach the JDK.
        byte[] zero = new byte[64];
        Arrays.fill(zero, (byte) 0);

        assertThatThrownBy(() -> ECDSA.ensureLegalSignature(zero, JWSAlgorithm.ES256))
                .as(WHY)
                .isInstanceOf(JOSEException.class);
    }
}
