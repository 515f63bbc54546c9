package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.security.PublicKey;

/**
 * One fetched JWKS, converted once: per {@code kid}, the JWK's algorithm and a ready {@link SignatureCheck}.
 * Immutable; a new snapshot replaces the old one on every fetch (success or failure).
 */
final class KeySnapshot {
    /** A usable key: the algorithm the JWK is bound to and a verifier built from its public part. */
    record KeyEntry(String kid, JWSAlgorithm algorithm, SignatureCheck check) {}

    /** RSA keys shorter than this are ignored; Vault uses 2048. */
    private static final int MIN_RSA_BITS = 2048;

    final Map<String, KeyEntry> keys;
    /** Last successful fetch, or null if there never was one. */
    final Instant fetchedAt;
    final Instant refreshAt;
    final Instant freshUntil;
    final Instant usableUntil;
    final Instant lastAttempt;
    final String lastError;

    private KeySnapshot(Map<String, KeyEntry> keys, Instant fetchedAt, Instant refreshAt, Instant freshUntil,
            Instant usableUntil, Instant lastAttempt, String lastError) {
        this.keys = keys;
        this.fetchedAt = fetchedAt;
        this.refreshAt = refreshAt;
        this.freshUntil = freshUntil;
        this.usableUntil = usableUntil;
        this.lastAttempt = lastAttempt;
        this.lastError = lastError;
    }

    static KeySnapshot fetched(Map<String, KeyEntry> keys, Instant now, Instant refreshAt, Instant freshUntil,
            Instant usableUntil) {
        return new KeySnapshot(keys, now, refreshAt, freshUntil, usableUntil, now, null);
    }

    /** A first fetch failed: no keys at all. */
    static KeySnapshot failedInitial(Instant now, String error) {
        return new KeySnapshot(Map.of(), null, null, null, null, now, error);
    }

    /** A refresh failed: keep the keys and their deadlines, record the failure. */
    KeySnapshot withFailure(Instant now, String error) {
        return new KeySnapshot(keys, fetchedAt, refreshAt, freshUntil, usableUntil, now, error);
    }

    boolean usableAt(Instant now) {
        return usableUntil != null && now.isBefore(usableUntil);
    }

    boolean freshAt(Instant now) {
        return freshUntil != null && now.isBefore(freshUntil);
    }

    /**
     * Parses a JWKS document and builds a verifier per usable key. Keys that are not for signatures, have no
     * {@code kid}, use an algorithm outside {@code allowed}, or are too weak are skipped rather than failing the
     * whole set, so one odd key cannot take the issuer down. Private parts, if any, are dropped.
     *
     * @throws ParseException if the document is not a JWKS
     */
    static Map<String, KeyEntry> parseKeys(String json, Set<JWSAlgorithm> allowed) throws ParseException {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (RuntimeException e) {
            // Hostile or broken JSON must surface as "not a JWK set", never as an unexpected exception.
            throw new ParseException("not a JWK set", 0);
        }
        Map<String, KeyEntry> out = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            String kid = jwk.getKeyID();
            if (kid == null || kid.isEmpty() || out.containsKey(kid)) {
                // Duplicate kids are ambiguous; keep the first rather than guessing.
                continue;
            }
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                continue;
            }
            JWSAlgorithm alg = algorithmOf(jwk);
            if (alg == null || !allowed.contains(alg)) {
                continue;
            }
            try {
                PublicKey key = publicKeyFor(jwk.toPublicJWK(), alg);
                if (key != null) {
                    out.put(kid, new KeyEntry(kid, alg, SignatureCheck.of(alg, key)));
                }
            } catch (JOSEException | RuntimeException e) {
                // Unusable key material (bad curve point, wrong size): skip this key only.
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The algorithm a JWK is bound to: its own {@code alg} (Vault always sets it, spec §7.9), otherwise the only
     * algorithm its type implies (EC curve, Ed25519); RSA keys without {@code alg} are skipped because RS256/384/512
     * would all be possible and the key must not be usable with an algorithm it was not meant for.
     */
    static JWSAlgorithm algorithmOf(JWK jwk) {
        if (jwk.getAlgorithm() != null) {
            return JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        }
        if (jwk instanceof ECKey ec) {
            Curve c = ec.getCurve();
            if (Curve.P_256.equals(c)) {
                return JWSAlgorithm.ES256;
            } else if (Curve.P_384.equals(c)) {
                return JWSAlgorithm.ES384;
            } else if (Curve.P_521.equals(c)) {
                return JWSAlgorithm.ES512;
            }
            return null;
        }
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return JWSAlgorithm.EdDSA;
        }
        return null;
    }

    /**
     * The key converted once per fetched JWKS. Nimbus's verifiers are still constructed here, once, for what they
     * validate (an EC key's curve matching the algorithm); verification itself runs through {@link SignatureCheck}.
     */
    private static PublicKey publicKeyFor(JWK jwk, JWSAlgorithm alg) throws JOSEException {
        if (jwk instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)
                && !alg.getName().startsWith("PS")) {
            if (rsa.size() < MIN_RSA_BITS) {
                return null;
            }
            return new RSASSAVerifier(rsa.toRSAPublicKey()).getPublicKey();
        }
        if (jwk instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
            ECDSAVerifier verifier = new ECDSAVerifier(ec.toECPublicKey());
            if (!verifier.supportedJWSAlgorithms().contains(alg)) {
                return null; // the curve does not belong to the algorithm the JWK names
            }
            return verifier.getPublicKey();
        }
        if (jwk instanceof OctetKeyPair okp && JWSAlgorithm.EdDSA.equals(alg)) {
            return new JdkEd25519Verifier(okp).publicKey();
        }
        return null;
    }
}
