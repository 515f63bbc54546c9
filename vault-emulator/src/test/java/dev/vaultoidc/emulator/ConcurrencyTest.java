package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Parallel writers neither lose nor duplicate anything. */
@ExtendWith(VaultEmulatorExtension.class)
class ConcurrencyTest {

    @Test
    void parallelCreatesAndMembershipUpdatesAreConsistent(VaultEmulator vault) throws Exception {
        vault.reset();
        VaultHttp http = new VaultHttp(vault);
        String group =
                http.post("identity/group", body("name", "g")).data().get("id").asText();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = IntStream.range(0, 64)
                    .<Future<?>>mapToObj(i -> pool.submit(() -> {
                        ids.add(http.post("identity/entity", body("name", "e" + i))
                                .data()
                                .get("id")
                                .asText());
                        // The same name from another thread must update, never duplicate.
                        http.post("identity/entity", body("name", "E" + i, "policies", "p" + i));
                    }))
                    .toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        http.post("identity/group/id/" + group, body("member_entity_ids", List.copyOf(ids)));

        assertThat(ids).hasSize(64);
        assertThat(http.list("identity/entity/id").data().get("keys").size()).isEqualTo(64);
        assertThat(http.get("identity/group/id/" + group)
                        .data()
                        .get("member_entity_ids")
                        .size())
                .isEqualTo(64);
    }
}
