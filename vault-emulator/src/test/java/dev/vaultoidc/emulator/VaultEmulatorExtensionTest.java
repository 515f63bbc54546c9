package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension starts one emulator per class and injects it wherever asked. */
class VaultEmulatorExtensionTest {

    @Nested
    @ExtendWith(VaultEmulatorExtension.class)
    class WithExtendWith {

        private final VaultEmulator fromConstructor;

        WithExtendWith(VaultEmulator vault) {
            this.fromConstructor = vault;
        }

        @Test
        void injectsTheSameRunningEmulatorEverywhere(VaultEmulator vault) {
            assertThat(vault).isSameAs(fromConstructor);
            assertThat(vault.address()).startsWith("http://127.0.0.1:");
            assertThat(vault.rootToken()).isEqualTo("root");
            assertThat(new VaultHttp(vault).get("sys/health").status()).isEqualTo(200);
        }

        @Test
        void resetForgetsState(VaultEmulator vault) {
            vault.createEntity("kept-until-reset");
            vault.reset();
            assertThat(new VaultHttp(vault)
                            .get("identity/entity/name/kept-until-reset")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    @ExtendWith(VaultEmulatorExtension.class)
    @VaultEmulatorConfig(resetBeforeEach = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class WithResetBeforeEach {

        @Test
        @Order(1)
        void leavesAnEntityBehind(VaultEmulator vault) {
            vault.createEntity("left-behind");
            assertThat(new VaultHttp(vault)
                            .get("identity/entity/name/left-behind")
                            .status())
                    .isEqualTo(200);
        }

        @Test
        @Order(2)
        void theNextTestStartsEmpty(VaultEmulator vault) {
            assertThat(new VaultHttp(vault)
                            .get("identity/entity/name/left-behind")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class WithRegisterExtension {

        @RegisterExtension
        static final VaultEmulatorExtension VAULT =
                new VaultEmulatorExtension(VaultEmulator.builder().rootToken("custom"));

        @Test
        void exposesTheEmulatorOfTheClass(VaultEmulator injected) {
            assertThat(VAULT.emulator()).isSameAs(injected);
            assertThat(injected.rootToken()).isEqualTo("custom");
            assertThat(new VaultHttp(injected).get("auth/token/lookup-self").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void separateClassesGetSeparateEmulators() {
        Set<Integer> ports = new HashSet<>();
        try (VaultEmulator a = VaultEmulator.builder().build().start();
                VaultEmulator b = VaultEmulator.builder().build().start()) {
            ports.add(a.port());
            ports.add(b.port());
            a.createEntity("only-in-a");
            assertThat(new VaultHttp(b).get("identity/entity/name/only-in-a").status())
                    .isEqualTo(404);
        }
        assertThat(ports).hasSize(2);
    }
}
