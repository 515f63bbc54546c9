package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Servlet app calling a peer (itself) with RestClient and RestTemplate through the auto-configured interceptor:
 * the service's own ID token goes to the listed host only.
 */
@SpringBootTest(
        classes = SecuredApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vault.oidc.id-token.role=web", "vault.oidc.id-token.hosts=localhost"})
class RestClientPropagationTest {
    static final VaultFixture VAULT = VaultFixture.start();

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", VAULT::address);
        registry.add("vault.oidc.audiences", () -> VAULT.clientId);
        registry.add("vault.oidc.auth.token", () -> VAULT.serviceToken);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    VaultOidcIdTokenInterceptor interceptor;

    @Test
    void restClientSendsTheTokenToListedHostsOnly() {
        RestClient client = RestClient.builder().requestInterceptor(interceptor).build();

        String listed = client.get()
                .uri("http://localhost:" + port + "/me")
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        int unlisted = client.get()
                .uri("http://127.0.0.1:" + port + "/me")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(listed).isEqualTo("200 " + VAULT.serviceId);
        assertThat(unlisted).isEqualTo(401);
    }

    @Test
    void restTemplateSendsTheTokenToListedHostsOnly() {
        RestTemplate template = new RestTemplate();
        template.setInterceptors(List.of(interceptor));

        assertThat(template.getForEntity("http://localhost:" + port + "/me", String.class)
                        .getBody())
                .isEqualTo(VAULT.serviceId);
        assertThatThrownBy(() -> template.getForEntity("http://127.0.0.1:" + port + "/me", String.class))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(401));
    }
}
