package dev.vaultoidc.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Verification throughput for RS256 and ES256: vault-oidc with distinct tokens (token cache off, so every call
 * parses, checks and verifies) and with one repeated token (cache hit), the JCA limit, and the peers with distinct
 * tokens. Thread count comes from the runner ({@code -t}); {@link BenchmarkMain} runs 1 and 2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyBenchmark {
    @Param({"RS256", "ES256"})
    public String alg;

    VerifyFixture f;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        f = new VerifyFixture(alg, libraryFor(params.getBenchmark()), VerifyFixture.POOL);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        f.close();
    }

    /** Only the library a method measures is built in its fork. */
    static Library libraryFor(String benchmark) {
        String m = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        return switch (m) {
            case "jcaLimit" -> null;
            case "vaultOidcDistinct" -> Library.VAULT_OIDC_NO_CACHE;
            case "vaultOidcRepeated" -> Library.VAULT_OIDC;
            case "nimbus" -> Library.NIMBUS;
            case "spring" -> Library.SPRING;
            case "auth0" -> Library.AUTH0;
            case "jose4j" -> Library.JOSE4J;
            default -> throw new IllegalArgumentException(m);
        };
    }

    @Benchmark
    public boolean jcaLimit(TokenCursor c) throws Exception {
        return f.jca(c.next());
    }

    @Benchmark
    public Object vaultOidcDistinct(TokenCursor c) throws Exception {
        return f.check.verify(f.tokens[c.next()]);
    }

    @Benchmark
    public Object vaultOidcRepeated() throws Exception {
        return f.check.verify(f.repeated);
    }

    @Benchmark
    public Object nimbus(TokenCursor c) throws Exception {
        return f.check.verify(f.tokens[c.next()]);
    }

    @Benchmark
    public Object spring(TokenCursor c) throws Exception {
        return f.check.verify(f.tokens[c.next()]);
    }

    @Benchmark
    public Object auth0(TokenCursor c) throws Exception {
        return f.check.verify(f.tokens[c.next()]);
    }

    @Benchmark
    public Object jose4j(TokenCursor c) throws Exception {
        return f.check.verify(f.tokens[c.next()]);
    }
}
