package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Bad settings stop the application at startup with a message that names the property. */
class PropertyBindingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VaultOidcAutoConfiguration.class))
            .withPropertyValues("vault.oidc.warm-up=false");

    private void failsNaming(String property, String... settings) {
        runner.withPropertyValues(settings).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
            InvalidConfigurationPropertyValueException root =
                    (InvalidConfigurationPropertyValueException) rootCause(failure);
            assertThat(root.getName()).isEqualTo(property);
            assertThat(root.getMessage()).contains(property);
        });
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void issuerThatIsNotAUrl() {
        failsNaming(
                "vault.oidc.issuer-uri",
                "vault.oidc.issuer-uri=vault.example.com/v1/identity/oidc",
                "vault.oidc.audiences=abc");
    }

    @Test
    void issuerWithoutAudience() {
        failsNaming("vault.oidc.audiences", "vault.oidc.issuer-uri=https://vault.example.com/v1/identity/oidc");
    }

    @Test
    void audienceWithoutIssuerOrAddress() {
        failsNaming("vault.oidc.issuer-uri", "vault.oidc.audiences=abc");
    }

    @Test
    void clockSkewAboveTheBound() {
        failsNaming(
                "vault.oidc.clock-skew",
                "vault.oidc.address=https://vault.example.com",
                "vault.oidc.audiences=abc",
                "vault.oidc.clock-skew=10m");
    }

    @Test
    void algorithmVaultNeverUses() {
        failsNaming(
                "vault.oidc.jws-algorithms",
                "vault.oidc.address=https://vault.example.com",
                "vault.oidc.audiences=abc",
                "vault.oidc.jws-algorithms=RS256,HS256");
    }

    @Test
    void addressThatIsNotHttp() {
        failsNaming("vault.oidc.address", "vault.oidc.address=ftp://vault.example.com");
    }

    @Test
    void appRoleWithoutSecretId() {
        failsNaming(
                "vault.oidc.auth.approle.secret-id",
                "vault.oidc.address=https://vault.example.com",
                "vault.oidc.auth.approle.role-id=r-123");
    }

    @Test
    void idTokenRoleOutsideVaultsNamePattern() {
        failsNaming(
                "vault.oidc.id-token.role",
                "vault.oidc.address=https://vault.example.com",
                "vault.oidc.id-token.role=billing role");
    }

    @Test
    void introspectionWithoutAVaultClient() {
        failsNaming(
                "vault.oidc.address",
                "vault.oidc.issuer-uri=https://vault.example.com/v1/identity/oidc",
                "vault.oidc.audiences=abc",
                "vault.oidc.introspection.enabled=true");
    }

    @Test
    void caBundleThatDoesNotExist() {
        failsNaming(
                "vault.oidc.tls.ca-bundle",
                "vault.oidc.address=https://vault.example.com",
                "vault.oidc.tls.ca-bundle=/nonexistent/vault-ca.pem");
    }

    @Test
    void clientCertificateWithoutKey() {
        failsNaming(
                "vault.oidc.tls.client-key",
                "vault.oidc.address=https://vault.example.com",
                "vault.oidc.tls.client-certificate=/etc/vault/client.pem");
    }

    @Test
    void appRoleSecretIsNeverEchoed() {
        runner.withPropertyValues(
                        "vault.oidc.address=https://vault.example.com",
                        "vault.oidc.auth.approle.role-id=r-123",
                        "vault.oidc.auth.approle.secret-id=s3cr3t-value",
                        "vault.oidc.auth.approle.secret-id-file=/tmp/secret")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()).getMessage())
                            .contains("vault.oidc.auth.approle")
                            .doesNotContain("s3cr3t-value");
                });
    }

    @Test
    void durationThatDoesNotParse() {
        runner.withPropertyValues(
                        "vault.oidc.address=https://vault.example.com",
                        "vault.oidc.audiences=abc",
                        "vault.oidc.clock-skew=soon")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable t = context.getStartupFailure();
                    while (t != null && !(t instanceof BindException)) {
                        t = t.getCause();
                    }
                    assertThat(t).isInstanceOf(BindException.class);
                    assertThat(((BindException) t).getName().toString()).isEqualTo("vault.oidc.clock-skew");
                });
    }

    @Test
    void validSettingsStart() {
        runner.withPropertyValues(
                        "vault.oidc.address=https://vault.example.com",
                        "vault.oidc.namespace=team-a",
                        "vault.oidc.audiences=abc",
                        "vault.oidc.clock-skew=30s",
                        "vault.oidc.jws-algorithms=RS256,EdDSA",
                        "vault.oidc.jwks.max-staleness=5m",
                        "vault.oidc.token-cache.maximum-size=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(dev.vaultoidc.core.verify.TokenVerifier.class)
                                    .issuers())
                            .containsExactly("https://vault.example.com/v1/team-a/identity/oidc");
                });
    }
}
