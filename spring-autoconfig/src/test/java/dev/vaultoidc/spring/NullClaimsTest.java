package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An entity in no group: Vault renders the role template's {@code {{identity.entity.groups.names}}} as
 * {@code "groups": null}. Spring code must not see a present-but-null claim ({@code getClaimAsStringList} would
 * fail, a 500 in the user's controller): the decoder leaves it out, and authorities are simply empty.
 */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NullClaimsTest {
    static final VaultFixture VAULT = VaultFixture.start();

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", VAULT::address);
        registry.add("vault.oidc.audiences", () -> VAULT.clientId);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    TokenVerifier verifier;

    @Test
    void vaultRendersNullGroupsForAnEntityInNoGroup() throws Exception {
        assertThat(verifier.verify(VAULT.idToken("bob")).claims()).containsEntry("groups", null);
    }

    @Test
    void decoderDropsTheNullClaimSoSpringAccessorsAnswerNull() {
        Jwt bob = decoder.decode(VAULT.idToken("bob"));

        assertThat(bob.hasClaim("groups")).isFalse();
        assertThat(bob.getClaimAsStringList("groups")).isNull();
        assertThat(bob.getSubject()).isEqualTo(VAULT.bobId);
        assertThat(decoder.decode(VAULT.idToken("alice")).getClaimAsStringList("groups"))
                .containsExactly("payments-admins");
    }

    @Test
    void groupsLessEntityIsAuthenticatedWithoutAuthorities() {
        Http http = new Http(port);
        String bob = VAULT.idToken("bob");

        assertThat(http.get("/me", bob).statusCode()).isEqualTo(200);
        assertThat(http.get("/me", bob).body()).isEqualTo(VAULT.bobId);
        assertThat(http.get("/admin", bob).statusCode()).isEqualTo(403);
    }
}
