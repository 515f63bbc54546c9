package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** vault.oidc.introspection.enabled: Vault's answer is asked too, so a disabled entity's token stops working. */
class IntrospectionModeTest {

    @Test
    void tokenOfADisabledEntityIsRefused() {
        String carol = EmulatedVault.VAULT.createEntity("carol");
        String token = EmulatedVault.idToken(carol, "web");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VaultOidcAutoConfiguration.class,
                        VaultOidcSecurityAutoConfiguration.class))
                .withPropertyValues("vault.oidc.address=" + EmulatedVault.address(),
                        "vault.oidc.audiences=" + EmulatedVault.WEB_CLIENT_ID,
                        "vault.oidc.auth.token=" + EmulatedVault.SERVICE_TOKEN,
                        "vault.oidc.introspection.enabled=true", "vault.oidc.introspection.cache-ttl=0s")
                .run(context -> {
                    JwtDecoder decoder = context.getBean(JwtDecoder.class);
                    assertThat(decoder.decode(token).getSubject()).isEqualTo(carol);

                    EmulatedVault.rootClient().logical().write("identity/entity/id/" + carol, Map.of("disabled", true));

                    assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                            .hasMessageContaining("INACTIVE");
                });
    }
}
