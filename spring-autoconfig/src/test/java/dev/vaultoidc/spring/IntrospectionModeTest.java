package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * vault.oidc.introspection.enabled: Vault's answer is asked too, so a disabled entity's token stops working; on
 * the emulator and on OpenBao.
 */
class IntrospectionModeTest {

    @BothServers
    void tokenOfADisabledEntityIsRefused(TestServer server) {
        ServerVault vault = ServerVault.of(server);
        String carol = vault.createEntity("carol");
        String token = vault.idToken("carol", "web");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        VaultOidcAutoConfiguration.class, VaultOidcSecurityAutoConfiguration.class))
                .withPropertyValues(
                        "vault.oidc.address=" + vault.address(),
                        "vault.oidc.audiences=" + vault.webClientId,
                        "vault.oidc.auth.token=" + vault.serviceToken,
                        "vault.oidc.introspection.enabled=true",
                        "vault.oidc.introspection.cache-ttl=0s")
                .run(context -> {
                    JwtDecoder decoder = context.getBean(JwtDecoder.class);
                    assertThat(decoder.decode(token).getSubject()).isEqualTo(carol);

                    vault.rootClient().logical().write("identity/entity/id/" + carol, Map.of("disabled", true));

                    assertThatThrownBy(() -> decoder.decode(token))
                            .isInstanceOf(BadJwtException.class)
                            .hasMessageContaining("INACTIVE");
                });
    }
}
