package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The known-answer test a native provider must pass, per algorithm, before a verifier trusts it: signatures the JDK
 * makes with a fresh key must verify, tampered and out-of-range ones must not, and where correct providers may
 * differ (high S, a non-canonical Ed25519 S) the native check must give exactly the JDK's verdict. The vectors are made at run time with the JDK, so no key material ships in
 * the jar. ECDSA gets the most cases because that is where providers have differed (CVE-2022-21449 accepted r = s
 * = 0): r or s zero or not below the group order n, high S (valid ECDSA, which the JDK accepts, so the native path
 * must too), wrong lengths, and the same values once more as DER straight to the provider, below Nimbus's checks.
 */
final class SignatureSelfTest {
    /** One key pair per key type for the JVM's lifetime; RSA key generation is the slow part. */
    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    /** One input and signature; {@code expected} is set where the answer is not in doubt on any correct provider. */
    private record Case(String name, byte[] input, byte[] signature, Boolean expected) {}

    private SignatureSelfTest() {}

    /** Null when {@code provider} agrees with the JDK on every case for {@code algorithm}; else the first miss. */
    static String run(Provider provider, JWSAlgorithm algorithm) {
        String jcaName = SignatureCheck.jcaName(algorithm);
        if (jcaName == null) {
            return "not a Vault algorithm";
        }
        if (provider.getService("Signature", jcaName) == null) {
            return provider.getName() + " has no " + jcaName;
        }
        try {
            KeyPair pair = keyPair(algorithm);
            SignatureCheck jdk = SignatureCheck.of(algorithm, pair.getPublic());
            SignatureCheck own = SignatureCheck.of(algorithm, pair.getPublic(), provider);
            if (own.provider() == null) {
                return provider.getName() + " refused a " + pair.getPublic().getAlgorithm() + " key";
            }
            for (Case c : cases(algorithm, pair)) {
                String miss =
                        compare(c, () -> jdk.verify(c.input(), c.signature()), own.verify(c.input(), c.signature()));
                if (miss != null) {
                    return miss;
                }
            }
            if (JWSAlgorithm.Family.EC.contains(algorithm)) {
                for (Case c : derCases(jcaName, pair)) {
                    String miss = compare(
                            c,
                            () -> rawVerify(jcaName, null, pair.getPublic(), c),
                            rawVerify(jcaName, provider, pair.getPublic(), c));
                    if (miss != null) {
                        return miss;
                    }
                }
            }
            return null;
        } catch (GeneralSecurityException | JOSEException | RuntimeException e) {
            return "the self-test could not run: " + e;
        }
    }

    /**
     * Where the answer is not in doubt the native verdict must be it (the JDK gives it too; asking it would only
     * double a start-up cost paid in a cold JVM); elsewhere (high S, non-canonical S) it must be the JDK's.
     */
    private static String compare(Case c, BooleanSupplier jdk, boolean own) {
        boolean reference = c.expected() != null ? c.expected() : jdk.getAsBoolean();
        if (own != reference) {
            return c.name() + ": the native provider " + verdict(own) + " it, the JDK " + verdict(reference) + " it";
        }
        return null;
    }

    private static String verdict(boolean accepted) {
        return accepted ? "accepts" : "rejects";
    }

    private static KeyPair keyPair(JWSAlgorithm algorithm) {
        String type;
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            type = "RSA";
        } else if (JWSAlgorithm.ES256.equals(algorithm)) {
            type = "secp256r1";
        } else if (JWSAlgorithm.ES384.equals(algorithm)) {
            type = "secp384r1";
        } else if (JWSAlgorithm.ES512.equals(algorithm)) {
            type = "secp521r1";
        } else {
            type = "Ed25519";
        }
        return KEYS.computeIfAbsent(type, t -> {
            try {
                if (t.equals("RSA")) {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    return g.generateKeyPair();
                }
                if (t.startsWith("secp")) {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(t));
                    return g.generateKeyPair();
                }
                return KeyPairGenerator.getInstance(t).generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot make a " + t + " key", e);
            }
        });
    }

    /** The JOSE form: PKCS#1 v1.5 for RSA, fixed-length R||S for ECDSA, the 64 bytes for Ed25519. */
    private static byte[] sign(String jcaName, PrivateKey key, byte[] input) throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName.endsWith("withECDSA") ? jcaName + "inP1363Format" : jcaName);
        s.initSign(key);
        s.update(input);
        return s.sign();
    }

    private static List<Case> cases(JWSAlgorithm algorithm, KeyPair pair) throws GeneralSecurityException {
        String jcaName = SignatureCheck.jcaName(algorithm);
        byte[] input = ("eyJhbGciOiI" + algorithm.getName() + "In0.eyJzdWIiOiJzZWxmLXRlc3QifQ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] longInput = new byte[4096];
        Arrays.fill(longInput, (byte) 'A');
        byte[] sig = sign(jcaName, pair.getPrivate(), input);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a valid signature", input, sig, true));
        cases.add(new Case(
                "a valid signature of an empty input",
                new byte[0],
                sign(jcaName, pair.getPrivate(), new byte[0]),
                true));
        cases.add(new Case(
                "a valid signature of a 4 KiB input", longInput, sign(jcaName, pair.getPrivate(), longInput), true));
        byte[] otherInput = input.clone();
        otherInput[otherInput.length - 1] ^= 1;
        cases.add(new Case("a signature of another input", otherInput, sig, false));
        for (int at : new int[] {0, sig.length / 2, sig.length - 1}) {
            byte[] t = sig.clone();
            t[at] ^= 0x01;
            cases.add(new Case("a signature with byte " + at + " flipped", input, t, false));
        }
        cases.add(new Case("a signature of zeros", input, new byte[sig.length], false));
        byte[] ones = new byte[sig.length];
        Arrays.fill(ones, (byte) 0xff);
        cases.add(new Case("a signature of 0xff bytes", input, ones, false));
        cases.add(new Case("a signature one byte short", input, Arrays.copyOf(sig, sig.length - 1), false));
        cases.add(new Case("a signature with a zero byte appended", input, Arrays.copyOf(sig, sig.length + 1), false));
        cases.add(new Case("a signature with a zero byte prepended", input, prepend(sig), false));
        cases.add(new Case("an empty signature", input, new byte[0], false));
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            // Same key, another hash: PKCS#1 v1.5 binds the digest algorithm, so this must fail.
            String other = jcaName.startsWith("SHA256") ? "SHA384withRSA" : "SHA256withRSA";
            cases.add(new Case(
                    "an " + other + " signature under " + jcaName,
                    input,
                    sign(other, pair.getPrivate(), input),
                    false));
        } else if (JWSAlgorithm.Family.EC.contains(algorithm)) {
            addEcdsaCases(
                    cases,
                    input,
                    sig,
                    ((ECPublicKey) pair.getPublic()).getParams().getOrder());
        } else {
            addEd25519Cases(cases, input, sig);
        }
        return cases;
    }

    private static void addEcdsaCases(List<Case> cases, byte[] input, byte[] sig, BigInteger n) {
        int half = sig.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
        BigInteger max = BigInteger.ONE.shiftLeft(8 * half).subtract(BigInteger.ONE);
        addJose(cases, "r = 0", input, BigInteger.ZERO, s, half, false);
        addJose(cases, "s = 0", input, r, BigInteger.ZERO, half, false);
        addJose(cases, "r = s = 0 (CVE-2022-21449)", input, BigInteger.ZERO, BigInteger.ZERO, half, false);
        addJose(cases, "r = n", input, n, s, half, false);
        addJose(cases, "s = n", input, r, n, half, false);
        addJose(cases, "r = r + n", input, r.add(n), s, half, false);
        addJose(cases, "s = s + n", input, r, s.add(n), half, false);
        addJose(cases, "r = 2^k - 1", input, max, s, half, false);
        addJose(cases, "s = 2^k - 1", input, r, max, half, false);
        // n - s is the other valid S for the same r: ECDSA (and the JDK) accept it, so the native path must too.
        addJose(cases, "high S (n - s)", input, r, n.subtract(s), half, null);
        addJose(cases, "r = 1, s = 1", input, BigInteger.ONE, BigInteger.ONE, half, false);
    }

    /** Adds the case when both values fit the fixed JOSE length; larger ones cannot be written in that form. */
    private static void addJose(
            List<Case> cases, String name, byte[] input, BigInteger r, BigInteger s, int half, Boolean expected) {
        if (r.bitLength() <= 8 * half && s.bitLength() <= 8 * half) {
            byte[] raw = new byte[2 * half];
            copyUnsigned(r, raw, 0, half);
            copyUnsigned(s, raw, half, half);
            cases.add(new Case(name, input, raw, expected));
        }
    }

    private static void addEd25519Cases(List<Case> cases, byte[] input, byte[] sig) {
        // S is little-endian in the second half; S + L encodes the same scalar non-canonically (RFC 8032 §5.1.7).
        BigInteger l = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
        byte[] sLe = Arrays.copyOfRange(sig, 32, 64);
        BigInteger sValue = new BigInteger(1, reverse(sLe));
        byte[] plusL = sig.clone();
        byte[] be = new byte[32];
        copyUnsigned(sValue.add(l), be, 0, 32);
        System.arraycopy(reverse(be), 0, plusL, 32, 32);
        cases.add(new Case("S + L (non-canonical S)", input, plusL, null));
        byte[] rZero = sig.clone();
        Arrays.fill(rZero, 0, 32, (byte) 0);
        cases.add(new Case("R = 0", input, rZero, false));
        byte[] sMax = sig.clone();
        Arrays.fill(sMax, 32, 64, (byte) 0xff);
        cases.add(new Case("S = 2^256 - 1", input, sMax, false));
    }

    /** DER signatures handed straight to {@link Signature}, below Nimbus's range checks. */
    private static List<Case> derCases(String jcaName, KeyPair pair) throws GeneralSecurityException {
        byte[] input = "eyJkZXIiOiJzZWxmLXRlc3QifQ".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = sign(jcaName, pair.getPrivate(), input);
        int half = sig.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
        BigInteger n = ((ECPublicKey) pair.getPublic()).getParams().getOrder();
        return List.of(
                new Case("DER: valid", input, der(r, s), true),
                new Case("DER: high S", input, der(r, n.subtract(s)), null),
                new Case("DER: r = 0", input, der(BigInteger.ZERO, s), false),
                new Case("DER: s = 0", input, der(r, BigInteger.ZERO), false),
                new Case("DER: r = s = 0", input, der(BigInteger.ZERO, BigInteger.ZERO), false),
                new Case("DER: r = n", input, der(n, s), false),
                new Case("DER: s = n", input, der(r, n), false),
                new Case("DER: r = r + n", input, der(r.add(n), s), false),
                new Case("DER: s = s + n", input, der(r, s.add(n)), false),
                new Case("DER: r negative", input, der(r.negate(), s), false),
                new Case("DER: s negative", input, der(r, s.negate()), false));
    }

    private static boolean rawVerify(String jcaName, Provider provider, PublicKey key, Case c) {
        try {
            Signature v = provider == null ? Signature.getInstance(jcaName) : Signature.getInstance(jcaName, provider);
            v.initVerify(key);
            v.update(c.input());
            return v.verify(c.signature());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** SEQUENCE { INTEGER r, INTEGER s } in DER (two's complement, so a negative value stays negative). */
    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x02);
        writeLength(body, rb.length);
        body.writeBytes(rb);
        body.write(0x02);
        writeLength(body, sb.length);
        body.writeBytes(sb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length >= 128) {
            out.write(0x81);
        }
        out.write(length);
    }

    private static void copyUnsigned(BigInteger v, byte[] to, int offset, int length) {
        byte[] b = v.toByteArray();
        int skip = b.length > length ? b.length - length : 0;
        System.arraycopy(b, skip, to, offset + length - (b.length - skip), b.length - skip);
    }

    private static byte[] prepend(byte[] sig) {
        byte[] out = new byte[sig.length + 1];
        System.arraycopy(sig, 0, out, 1, sig.length);
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }
}
