package dev.vaultoidc.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * What a verification benchmark needs: one key of the algorithm, published by a local {@link KeyServer}; a pool of
 * distinct tokens and one repeated token signed with it; the library under test, configured and warmed up (keys
 * fetched, first token verified) before measuring; and, for the JCA limit, each token's signing input and signature
 * already decoded.
 */
final class VerifyFixture implements AutoCloseable {
    /** Distinct tokens per pool; with the token cache off, pool size does not change what is measured. */
    static final int POOL = 512;

    final String alg;
    final KeyServer server = new KeyServer();
    final SigningKey key;
    final String[] tokens;
    final String repeated;
    final Library.Check check;
    private final byte[][] inputs;
    private final byte[][] signatures;
    private final Provider jdk;
    private final PublicKey jdkKey;
    private final Provider nativeProvider;
    private final PublicKey nativeKey;

    VerifyFixture(String alg, Library library, int pool) throws Exception {
        this.alg = alg;
        this.key = SigningKey.generate(alg, "bench-" + alg.toLowerCase());
        server.publish(List.of(key));
        List<String> minted = VaultTokens.mint(key, server.issuer(), pool + 1);
        this.repeated = minted.get(pool);
        this.tokens = minted.subList(0, pool).toArray(String[]::new);
        this.jdk = NativeCrypto.jdkProvider(alg);
        // The JDK's own key object: where ACCP is registered globally the key pair came from ACCP, and the JDK's
        // Signature would convert a foreign key on every initVerify.
        this.jdkKey =
                (PublicKey) java.security.KeyFactory.getInstance(key.publicKey().getAlgorithm(), jdk)
                        .translateKey(key.publicKey());
        this.nativeProvider = NativeCrypto.provider();
        this.nativeKey = nativeProvider == null ? null : NativeCrypto.nativeKey(key.publicKey());
        this.inputs = new byte[pool][];
        this.signatures = new byte[pool][];
        for (int i = 0; i < pool; i++) {
            String t = tokens[i];
            int dot = t.lastIndexOf('.');
            inputs[i] = t.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
            byte[] sig = Base64.getUrlDecoder().decode(t.substring(dot + 1));
            signatures[i] =
                    alg.equals("ES256") ? com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(sig) : sig;
        }
        if (library != null) {
            check = library.create(server, alg, Clock.systemUTC());
            // Warm every cache the library has (discovery, JWKS, converted keys) before measuring.
            check.verify(tokens[0]);
            check.verify(repeated);
        } else {
            check = null;
            if (!jca(0)) {
                throw new IllegalStateException("JCA limit does not verify its own signature");
            }
        }
    }

    /**
     * The JDK limit: a plain JCA verification of token {@code i}'s signing input with the reused public key, by
     * the JDK's own provider (named, so a provider registered above it cannot change this row).
     */
    boolean jca(int i) throws Exception {
        Signature s = Signature.getInstance(key.jcaAlgorithm(), jdk);
        s.initVerify(jdkKey);
        s.update(inputs[i]);
        return s.verify(signatures[i]);
    }

    /** The native limit: the same with ACCP and the key converted to ACCP's once. */
    boolean jcaNative(int i) throws Exception {
        Signature s = Signature.getInstance(key.jcaAlgorithm(), nativeProvider);
        s.initVerify(nativeKey);
        s.update(inputs[i]);
        return s.verify(signatures[i]);
    }

    /** Whether the native limit can be measured here (ACCP loads). */
    boolean hasNative() {
        return nativeProvider != null;
    }

    @Override
    public void close() {
        if (check != null) {
            check.close();
        }
        server.close();
    }
}
