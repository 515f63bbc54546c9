package dev.vaultoidc.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * EdDSA (Ed25519) verification throughput. Only vault-oidc, jose4j and the JCA limit take part: Nimbus (and so
 * Spring) verify Ed25519 only with Google Tink on the class path, and java-jwt has no EdDSA.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyEdDsaBenchmark {
    VerifyFixture f;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        f = new VerifyFixture("EdDSA", VerifyBenchmark.libraryFor(params.getBenchmark()), VerifyFixture.POOL);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        f.close();
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
    public Object jose4j(TokenCursor c) throws Exception {
        return f.check.verify(f.tokens[c.next()]);
    }
}
