package dev.vaultoidc.core.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import java.util.List;

/** The signing algorithms a Vault named key can use (spec §7.3), with the key material Vault generates. */
public enum KeyAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256, RSA 2048 key. Vault's default. */
    RS256(JWSAlgorithm.RS256),
    /** RSASSA-PKCS1-v1_5 with SHA-384, RSA 2048 key. */
    RS384(JWSAlgorithm.RS384),
    /** RSASSA-PKCS1-v1_5 with SHA-512, RSA 2048 key. */
    RS512(JWSAlgorithm.RS512),
    /** ECDSA P-256 with SHA-256. */
    ES256(JWSAlgorithm.ES256),
    /** ECDSA P-384 with SHA-384. */
    ES384(JWSAlgorithm.ES384),
    /** ECDSA P-521 with SHA-512. */
    ES512(JWSAlgorithm.ES512),
    /** Ed25519. */
    EdDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    KeyAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    /** The name Vault uses in {@code algorithm} (identical to the JOSE name). */
    public String vaultName() {
        return name();
    }

    /** The matching Nimbus algorithm. */
    public JWSAlgorithm jwsAlgorithm() {
        return jws;
    }

    /**
     * The algorithm Vault names {@code name}.
     *
     * @throws VaultException {@link VaultErrorReason#MALFORMED_RESPONSE} for a name this library does not know
     */
    static KeyAlgorithm fromVault(String name) {
        for (KeyAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new VaultException(
                VaultErrorReason.MALFORMED_RESPONSE,
                0,
                List.of(),
                null,
                null,
                null,
                "unknown key algorithm " + name,
                null);
    }
}
