package dev.vaultoidc.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;

/**
 * The native provider of the benchmarks: AWS-LC through the Amazon Corretto Crypto Provider (ACCP), on the class
 * path of {@code benchmarks.jar}. Used two ways, never both in one JVM: called directly (the native limit and
 * vault-oidc's native path, which do not register it), or registered globally at the top of the provider list
 * in a JVM of its own ({@code PairedRatio}'s second phase), which is the only way the peers can use it.
 */
final class NativeCrypto {
    private NativeCrypto() {}

    /** ACCP when its native library loads on this machine, else {@code null}. */
    static Provider provider() {
        try {
            AmazonCorrettoCryptoProvider p = AmazonCorrettoCryptoProvider.INSTANCE;
            return p.getLoadingError() == null ? p : null;
        } catch (LinkageError e) {
            return null; // another platform: the class path has only the linux-x86_64 build
        }
    }

    static boolean available() {
        return provider() != null;
    }

    /** Why ACCP is not available here, for the report. */
    static String unavailableReason() {
        try {
            Throwable t = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
            return t == null ? "available" : t.toString();
        } catch (LinkageError e) {
            return e.toString();
        }
    }

    /** Puts ACCP first in the JVM's provider list, so every {@code getInstance(alg)} without a provider gets it. */
    static void installGlobally() {
        Provider p = provider();
        if (p == null) {
            throw new IllegalStateException("ACCP cannot load here: " + unavailableReason());
        }
        if (Security.insertProviderAt(p, 1) == -1 && !installedGlobally()) {
            throw new IllegalStateException("ACCP is registered but not first");
        }
    }

    /** Whether ACCP is the JVM's most preferred provider. */
    static boolean installedGlobally() {
        Provider[] all = Security.getProviders();
        return all.length > 0 && all[0] == provider();
    }

    /**
     * The JDK's own provider of {@code alg}'s signature, named explicitly so the JDK rows stay JDK rows whatever
     * is registered above it.
     */
    static Provider jdkProvider(String alg) {
        Provider p = Security.getProvider(alg.equals("RS256") ? "SunRsaSign" : "SunEC");
        if (p == null) {
            throw new IllegalStateException("no JDK provider for " + alg);
        }
        return p;
    }

    /**
     * {@code key} as the native provider's own key object, converted once: what a verifier that keeps keys per
     * {@code kid} holds. ACCP has no Ed25519 key factory and takes the JDK's key as it is.
     */
    static PublicKey nativeKey(PublicKey key) throws GeneralSecurityException {
        String a = key.getAlgorithm();
        if (!a.equals("RSA") && !a.equals("EC")) {
            return key;
        }
        return (PublicKey) KeyFactory.getInstance(a, provider()).translateKey(key);
    }
}
