package dev.vaultoidc.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/** Per-thread position in the token pool, so consecutive calls (and the threads) see different tokens. */
@State(Scope.Thread)
public class TokenCursor {
    private int i;

    @Setup
    public void start(ThreadParams thread) {
        i = thread.getThreadIndex() * (VerifyFixture.POOL / Math.max(1, thread.getThreadCount()));
    }

    int next() {
        int n = i;
        i = n + 1 == VerifyFixture.POOL ? 0 : n + 1;
        return n;
    }
}
