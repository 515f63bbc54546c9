package dev.vaultoidc.benchmarks;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.emulator.VaultEmulator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@link IdTokenSupplier} under load: {@code threads} threads call {@code get()} until {@code totalGets} calls are
 * made, against the emulator (a role with a 1 h TTL on an RS256 key, a workload token with an entity). Reports the
 * Vault calls ({@code identity/oidc/token/*}, counted by the emulator), scaled to a million gets, and the gets per
 * second the run reached.
 */
final class SupplierScenario {
    static final String MINT = "identity/oidc/token/*";

    record Result(int threads, long gets, long vaultCalls, int distinctTokens, double getsPerSecond) {
        double callsPerMillion() {
            return vaultCalls * 1_000_000.0 / gets;
        }
    }

    private SupplierScenario() {}

    static Result run(int threads, long totalGets) throws Exception {
        try (VaultEmulator vault = VaultEmulator.builder().build().start()) {
            VaultClient root = VaultClient.builder()
                    .address(vault.address())
                    .auth(VaultAuth.token(vault.rootToken()))
                    .build();
            root.logical().write("identity/oidc/key/bench", Map.of("allowed_client_ids", "*"));
            root.logical().write("identity/oidc/role/bench", Map.of("key", "bench", "ttl", "1h"));
            String entity = vault.createEntity("bench-workload");
            // The emulator enforces ACLs: minting needs read on the role's token path, as on Vault.
            vault.writePolicy("bench", "path \"identity/oidc/token/bench\" { capabilities = [\"read\"] }");
            VaultClient workload = VaultClient.builder()
                    .address(vault.address())
                    .auth(VaultAuth.token(vault.createToken(entity, "bench")))
                    .build();
            vault.clearRequests();
            try (IdTokenSupplier supplier = workload.idTokens("bench").build()) {
                long perThread = totalGets / threads;
                Set<String> tokens = ConcurrentHashMap.newKeySet();
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch go = new CountDownLatch(1);
                Throwable[] failure = new Throwable[1];
                Thread[] ts = new Thread[threads];
                for (int i = 0; i < threads; i++) {
                    ts[i] = new Thread(
                            () -> {
                                ready.countDown();
                                try {
                                    go.await();
                                    String last = null;
                                    for (long n = 0; n < perThread; n++) {
                                        String t = supplier.get();
                                        if (t != last) { // identity check: count each token object once per thread
                                            tokens.add(t);
                                            last = t;
                                        }
                                    }
                                } catch (Throwable e) {
                                    synchronized (failure) {
                                        failure[0] = e;
                                    }
                                }
                            },
                            "supplier-" + i);
                    ts[i].start();
                }
                ready.await();
                long t0 = System.nanoTime();
                go.countDown();
                for (Thread t : ts) {
                    t.join();
                }
                long elapsed = System.nanoTime() - t0;
                if (failure[0] != null) {
                    throw new IllegalStateException(
                            "get() failed: " + failure[0].getClass().getSimpleName());
                }
                long gets = perThread * threads;
                return new Result(threads, gets, vault.requestCount(MINT), tokens.size(), gets * 1e9 / elapsed);
            }
        }
    }
}
