package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fetched JWKS, converted once: per {@code kid}, the JWK's algorithm and a ready {@link SignatureCheck}.
 * Immutable; a new snapshot replaces the old one on every fetch (success or failure).
 */
final class KeySnapshot {
    /** A usable key: the algorithm the JWK is bound to and a verifier built from its public part. */
    record KeyEntry(String kid, JWSAlgorithm algorithm, SignatureCheck check, String fingerprint) {
        static KeyEntry of(String kid, JWSAlgorithm algorithm, PublicKey key) throws JOSEException {
            return of(kid, algorithm, key, null);
        }

        /** As {@link #of(String, JWSAlgorithm, PublicKey)}, checked by {@code provider} (null: the JDK's). */
        static KeyEntry of(String kid, JWSAlgorithm algorithm, PublicKey key, java.security.Provider provider)
                throws JOSEException {
            return new KeyEntry(kid, algorithm, SignatureCheck.of(algorithm, key, provider), fingerprintOf(key));
        }
    }

    /** SHA-256 of the key's SubjectPublicKeyInfo: what a cached verification is bound to, beyond its kid. */
    static String fingerprintOf(PublicKey key) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

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

    private KeySnapshot(
            Map<String, KeyEntry> keys,
            Instant fetchedAt,
            Instant refreshAt,
            Instant freshUntil,
            Instant usableUntil,
            Instant lastAttempt,
            String lastError) {
        this.keys = keys;
        this.fetchedAt = fetchedAt;
        this.refreshAt = refreshAt;
        this.freshUntil = freshUntil;
        this.usableUntil = usableUntil;
        this.lastAttempt = lastAttempt;
        this.lastError = lastError;
    }

    static KeySnapshot fetched(
            Map<String, KeyEntry> keys, Instant now, Instant refreshAt, Instant freshUntil, Instant usableUntil) {
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

    /** Receives each JWKS member that was skipped as unusable: its key id (sanitized, may be null) and why. */
    @FunctionalInterface
    interface SkipSink {
        void skipped(String kid, String reason);
    }

    /** As {@link #parseKeys(String, Set, SkipSink)}, ignoring which keys were skipped. */
    static Map<String, KeyEntry> parseKeys(String json, Set<JWSAlgorithm> allowed) throws ParseException {
        return parseKeys(json, allowed, (kid, reason) -> {});
    }

    /**
     * Parses a JWKS document key by key and builds a verifier per usable key. A member that cannot be parsed or
     * used (bad key material such as an EC point off its curve, an unknown curve, a missing parameter, a
     * {@code use}/{@code key_ops} clash, a bad {@code x5c}, a non-string {@code kid}, a duplicate {@code kid}, a
     * weak RSA key) is reported to {@code skipped} and left out, so one odd key cannot take the good ones down.
     * Keys that are simply not for us (encryption keys, algorithms outside {@code allowed}) are left out
     * silently. Private parts, if any, are dropped.
     *
     * @throws ParseException if the document is not a JSON object with a {@code keys} array
     */
    static Map<String, KeyEntry> parseKeys(String json, Set<JWSAlgorithm> allowed, SkipSink skipped)
            throws ParseException {
        return parseKeys(json, allowed, NativeSignatures.JDK, skipped);
    }

    /** As {@link #parseKeys(String, Set, SkipSink)}, with signature checks on the providers {@code signatures} chose. */
    static Map<String, KeyEntry> parseKeys(
            String json, Set<JWSAlgorithm> allowed, NativeSignatures.Selection signatures, SkipSink skipped)
            throws ParseException {
        List<Object> members;
        try {
            Map<String, Object> doc = JSONObjectUtils.parse(json);
            Object keys = doc.get("keys");
            if (!(keys instanceof List<?> list)) {
                throw new ParseException("not a JWK set", 0);
            }
            members = new ArrayList<>(list);
        } catch (ParseException | RuntimeException e) {
            // Hostile or broken JSON must surface as "not a JWK set", never as an unexpected exception.
            throw new ParseException("not a JWK set", 0);
        }
        Map<String, KeyEntry> out = new HashMap<>();
        for (Object member : members) {
            String rawKid = member instanceof Map<?, ?> m ? printableKid(m.get("kid")) : null;
            JWK jwk;
            try {
                if (!(member instanceof Map<?, ?>)) {
                    skipped.skipped(null, "member is not a JSON object");
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> obj = (Map<String, Object>) member;
                jwk = JWK.parse(obj);
            } catch (ParseException | RuntimeException e) {
                skipped.skipped(rawKid, "not a usable JWK: " + describe(e));
                continue;
            }
            String kid = jwk.getKeyID();
            if (kid == null || kid.isEmpty()) {
                skipped.skipped(null, "no kid");
                continue;
            }
            if (out.containsKey(kid)) {
                // Duplicate kids are ambiguous; keep the first rather than guessing.
                skipped.skipped(rawKid, "duplicate kid");
                continue;
            }
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                continue;
            }
            if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
                // RFC 7517 §4.3: key_ops names what the key is for; without "verify" it must not verify.
                skipped.skipped(rawKid, "key_ops does not include verify");
                continue;
            }
            JWSAlgorithm alg;
            try {
                alg = algorithmOf(jwk);
            } catch (RuntimeException e) {
                skipped.skipped(rawKid, "unusable alg");
                continue;
            }
            if (alg == null || !allowed.contains(alg)) {
                continue;
            }
            try {
                PublicKey key = publicKeyFor(jwk.toPublicJWK(), alg);
                if (key == null) {
                    skipped.skipped(rawKid, "key does not fit its algorithm " + alg + " or is too weak");
                    continue;
                }
                out.put(kid, KeyEntry.of(kid, alg, key, signatures.providerFor(alg)));
            } catch (JOSEException | RuntimeException e) {
                // Unusable key material (bad curve point, wrong size): skip this key only.
                skipped.skipped(rawKid, "unusable key material");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A kid fit for a log line: printable ASCII only, at most 80 characters; non-strings shown by type. */
    static String printableKid(Object kid) {
        if (kid == null) {
            return null;
        }
        if (!(kid instanceof String s)) {
            return "<" + kid.getClass().getSimpleName() + " kid>";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static String describe(Exception e) {
        // Nimbus messages name the failing parameter, never key material worth hiding (public keys only).
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        return printableKid(m.length() > 120 ? m.substring(0, 120) : m);
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

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQ { SEQ { OID 1.3.101.112 }, BIT STRING }. */
    private static final byte[] ED25519_X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    /**
     * The key converted once per fetched JWKS, or null when it cannot serve {@code alg}. Nimbus parsed and
     * validated the JWK (EC points on their curve); the EC curve must also be the one the algorithm names.
     * Ed25519 goes through the JDK: Nimbus converts OKP keys only with Google Tink on the class path.
     */
    private static PublicKey publicKeyFor(JWK jwk, JWSAlgorithm alg) throws JOSEException {
        if (jwk instanceof RSAKey rsa
                && JWSAlgorithm.Family.RSA.contains(alg)
                && !alg.getName().startsWith("PS")) {
            return rsa.size() < MIN_RSA_BITS ? null : rsa.toRSAPublicKey();
        }
        if (jwk instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
            return alg.equals(ECDSA.resolveAlgorithm(ec.getCurve())) ? ec.toECPublicKey() : null;
        }
        if (jwk instanceof OctetKeyPair okp && JWSAlgorithm.EdDSA.equals(alg) && Curve.Ed25519.equals(okp.getCurve())) {
            byte[] x = okp.getX().decode();
            if (x.length != 32) {
                return null;
            }
            byte[] der = Arrays.copyOf(ED25519_X509_PREFIX, ED25519_X509_PREFIX.length + 32);
            System.arraycopy(x, 0, der, ED25519_X509_PREFIX.length, 32);
            try {
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new JOSEException("invalid Ed25519 public key", e);
            }
        }
        return null;
    }
}
