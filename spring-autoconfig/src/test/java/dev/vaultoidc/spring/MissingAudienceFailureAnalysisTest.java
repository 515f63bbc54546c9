package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code vault.oidc.address} without {@code vault.oidc.audiences}: startup fails (no verifier, so no decoder for
 * the app's resource-server chain), and Boot's failure report names {@code vault.oidc.audiences} instead of only
 * "required a bean of type 'JwtDecoder'". Servlet and reactive apps alike.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingAudienceFailureAnalysisTest {

    @Test
    void servletAppWithAddressButNoAudienceIsToldToSetAudiences(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SecuredApp.class)
                        .properties(
                                "server.port=0", "vault.oidc.address=http://127.0.0.1:1", "vault.oidc.warm-up=false")
                        .run()
                        .close())
                .isInstanceOf(Exception.class);

        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("No JwtDecoder bean: vault.oidc.address is set but vault.oidc.audiences is not")
                .contains("Set vault.oidc.audiences to the client_id");
    }

    @Test
    void reactiveAppWithAddressButNoAudienceIsToldToSetAudiences(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ReactiveApp.class)
                        .properties(
                                "server.port=0",
                                "spring.main.web-application-type=reactive",
                                "vault.oidc.address=http://127.0.0.1:1",
                                "vault.oidc.warm-up=false")
                        .run()
                        .close())
                .isInstanceOf(Exception.class);

        assertThat(output.getOut()).contains("No ReactiveJwtDecoder bean").contains("vault.oidc.audiences");
    }
}
