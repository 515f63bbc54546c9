package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JWSAlgorithm;
import dev.vaultoidc.core.verify.SignatureProvider.Unavailability;
import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, per algorithm, which provider a verifier's {@link SignatureCheck}s use: the native one (ACCP) only when
 * it loads and passes {@link SignatureSelfTest} for that algorithm, the JDK otherwise. ACCP is an optional
 * dependency, so it is reached by reflection and never named in a signature here. Loading and self-tests happen
 * once per JVM; every verifier built afterwards reuses the outcome.
 */
final class NativeSignatures {
    private static final Logger LOG = LoggerFactory.getLogger(NativeSignatures.class);

    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    /** A native provider that loaded, or why none did. Exactly one of {@code provider} and {@code failure} is set. */
    record Loaded(Provider provider, String description, Unavailability failure, String failureDetail) {
        static Loaded failed(Unavailability failure, String detail) {
            return new Loaded(null, null, failure, detail);
        }
    }

    /**
     * The signature providers of one verifier: the native provider per algorithm that uses it (absent = the JDK)
     * and the {@link SignatureProvider.Status} health reports.
     */
    record Selection(Map<JWSAlgorithm, Provider> nativeProviders, SignatureProvider.Status status) {
        /** The native provider for {@code algorithm}, or null for the JDK's. */
        Provider providerFor(JWSAlgorithm algorithm) {
            return nativeProviders.get(algorithm);
        }

        static Selection jdk(SignatureProvider requested, Unavailability fallback, String fallbackDetail) {
            return new Selection(
                    Map.of(),
                    new SignatureProvider.Status(
                            requested, SignatureProvider.JDK, Set.of(), null, fallback, fallbackDetail));
        }
    }

    /** The JDK for everything, as {@link SignatureProvider#JDK} asks. */
    static final Selection JDK = Selection.jdk(SignatureProvider.JDK, null, null);

    private static volatile Loaded accp;
    /** Per algorithm: null when ACCP passed, else what failed. ConcurrentHashMap holds no nulls, hence the wrapper. */
    private static final Map<JWSAlgorithm, Outcome> ACCP_SELF_TESTS = new ConcurrentHashMap<>();
    /** Each distinct fallback is logged once per JVM, not once per verifier built. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private record Outcome(String failure) {}

    private NativeSignatures() {}

    /** The providers for {@code algorithms} as {@code requested}; ACCP is loaded (once) unless JDK was asked for. */
    static Selection select(SignatureProvider requested, Collection<JWSAlgorithm> algorithms) {
        return select(requested, algorithms, NativeSignatures::accp, NativeSignatures::accpSelfTest);
    }

    /**
     * As {@link #select(SignatureProvider, Collection)} with a given loader and self-test (tests pass failing ones).
     *
     * @throws SignatureProvider.UnavailableException when {@code NATIVE} is required and cannot be had
     */
    static Selection select(
            SignatureProvider requested,
            Collection<JWSAlgorithm> algorithms,
            Supplier<Loaded> loader,
            BiFunction<Provider, JWSAlgorithm, String> selfTest) {
        if (requested == SignatureProvider.JDK) {
            return JDK;
        }
        Loaded loaded = loader.get();
        if (loaded.provider() == null) {
            if (requested == SignatureProvider.NATIVE) {
                throw new SignatureProvider.UnavailableException(
                        loaded.failure(), "signatureProvider(NATIVE): " + loaded.failureDetail());
            }
            if (loaded.failure() != Unavailability.NOT_ON_CLASS_PATH) {
                // Present but unusable is worth a WARN; simply absent is the normal case without ACCP.
                warnOnce("Native signature checks unavailable, using the JDK: " + loaded.failureDetail());
            }
            return Selection.jdk(requested, loaded.failure(), loaded.failureDetail());
        }
        Map<JWSAlgorithm, Provider> natives = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (JWSAlgorithm alg : algorithms) {
            String failure = selfTest.apply(loaded.provider(), alg);
            if (failure == null) {
                natives.put(alg, loaded.provider());
            } else {
                failures.add(alg.getName() + ": " + failure);
            }
        }
        String detail = failures.isEmpty() ? null : "self-test failed for " + String.join("; ", failures);
        if (detail != null && requested == SignatureProvider.NATIVE) {
            throw new SignatureProvider.UnavailableException(
                    Unavailability.SELF_TEST_FAILED,
                    "signatureProvider(NATIVE): " + loaded.description() + " " + detail);
        }
        if (detail != null) {
            warnOnce("Native signature checks (" + loaded.description() + ") not trusted, using the JDK where the "
                    + detail);
        }
        Set<String> names = new LinkedHashSet<>();
        natives.keySet().forEach(a -> names.add(a.getName()));
        SignatureProvider.Status status = new SignatureProvider.Status(
                requested,
                natives.isEmpty() ? SignatureProvider.JDK : SignatureProvider.NATIVE,
                names,
                natives.isEmpty() ? null : loaded.description(),
                detail == null ? null : Unavailability.SELF_TEST_FAILED,
                detail);
        return new Selection(Collections.unmodifiableMap(natives), status);
    }

    private static void warnOnce(String message) {
        if (WARNED.add(message)) {
            LOG.warn(message);
        }
    }

    /** ACCP, loaded once per JVM. */
    static Loaded accp() {
        Loaded l = accp;
        if (l == null) {
            synchronized (NativeSignatures.class) {
                l = accp;
                if (l == null) {
                    l = load(ACCP_CLASS, NativeSignatures.class.getClassLoader());
                    accp = l;
                }
            }
        }
        return l;
    }

    private static String accpSelfTest(Provider provider, JWSAlgorithm algorithm) {
        return ACCP_SELF_TESTS
                .computeIfAbsent(algorithm, a -> new Outcome(SignatureSelfTest.run(provider, a)))
                .failure();
    }

    /**
     * Loads ACCP (or a class with its API) reflectively and asks it whether it is healthy: its native library loaded
     * ({@code getLoadingError()}) and its own power-on self-tests passed ({@code assertHealthy()}).
     */
    static Loaded load(String className, ClassLoader classLoader) {
        String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException e) {
            return Loaded.failed(
                    Unavailability.NOT_ON_CLASS_PATH,
                    "ACCP (" + className + ") is not on the class path; add "
                            + "software.amazon.cryptools:AmazonCorrettoCryptoProvider with this platform's classifier");
        } catch (LinkageError e) {
            return Loaded.failed(Unavailability.NOT_LOADED, "ACCP did not load on " + platform + ": " + e);
        }
        Provider provider;
        try {
            provider = (Provider) type.getField("INSTANCE").get(null);
            Object error = type.getMethod("getLoadingError").invoke(provider);
            if (error != null) {
                return Loaded.failed(
                        Unavailability.NOT_LOADED,
                        "ACCP could not load its native library on " + platform + " (a jar for another platform?): "
                                + error);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Loaded.failed(Unavailability.NOT_LOADED, "ACCP did not load on " + platform + ": " + rootCause(e));
        }
        try {
            type.getMethod("assertHealthy").invoke(provider);
        } catch (InvocationTargetException e) {
            return Loaded.failed(Unavailability.SELF_TEST_FAILED, "ACCP's own health check failed: " + rootCause(e));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Loaded.failed(Unavailability.NOT_LOADED, "ACCP did not load on " + platform + ": " + rootCause(e));
        }
        // getInfo() is "AmazonCorrettoCryptoProvider 2.5.0 (AWS-LC v1.47.0)": name, version and the native library.
        return new Loaded(provider, provider.getInfo(), null, null);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
