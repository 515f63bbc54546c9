package dev.vaultoidc.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final Set<String> PLUGINS = Set.of("servlet", "okhttp");

    @Test
    void agentOptionsBeatSystemPropertiesBeatEnvironmentBeatFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(
                file,
                "vault.oidc.audiences=from-file\nclock-skew=1s\nvault.oidc.namespace=file-ns\n"
                        + "vault.oidc.agent.log-level=debug\n");
        Settings s = Settings.load(
                "audiences=from-options,config=" + file,
                Map.of("vault.oidc.audiences", "from-property", "vault.oidc.clock-skew", "2s", "other", "x"),
                Map.of(
                        "VAULT_OIDC_AUDIENCES",
                        "from-env",
                        "VAULT_OIDC_CLOCK_SKEW",
                        "3s",
                        "VAULT_OIDC_NAMESPACE",
                        "env-ns"),
                PLUGINS);

        assertThat(s.text("audiences")).isEqualTo("from-options");
        assertThat(s.source("audiences")).isEqualTo(Settings.Source.AGENT_OPTION);
        assertThat(s.text("clock-skew")).isEqualTo("2s");
        assertThat(s.text("namespace")).isEqualTo("env-ns");
        assertThat(s.text("agent.log-level")).isEqualTo("debug");
        assertThat(s.source("agent.log-level")).isEqualTo(Settings.Source.CONFIG_FILE);
    }

    @Test
    void optionPiecesWithoutANameContinueTheListBeforeThem() {
        Map<String, String> o = Settings.parseOptions("audiences=a,b,address=https://vault:8200,"
                + "vault.oidc.agent.outbound.hosts=api.internal:8443,other.internal");
        assertThat(o)
                .containsEntry("audiences", "a,b")
                .containsEntry("address", "https://vault:8200")
                .containsEntry("agent.outbound.hosts", "api.internal:8443,other.internal");
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        Settings s = Settings.load(
                null,
                Map.of(),
                Map.of(
                        "VAULT_OIDC_AGENT_OUTBOUND_HOSTS",
                        "a,b",
                        "VAULT_OIDC_JWKS_UNKNOWN_KID_REFRESH_INTERVAL",
                        "10s",
                        "VAULT_OIDC_AGENT_PLUGINS_OKHTTP_ENABLED",
                        "false"),
                PLUGINS);
        assertThat(s.list("agent.outbound.hosts")).containsExactly("a", "b");
        assertThat(s.text("jwks.unknown-kid-refresh-interval")).isEqualTo("10s");
        assertThat(s.bool("agent.plugins.okhttp.enabled", true)).isFalse();
    }

    @Test
    void rejectsAnUnknownAgentPropertyNamingIt() {
        assertThatThrownBy(() -> Settings.load("agent.inbound.excluded-path=/x", Map.of(), Map.of(), PLUGINS))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("vault.oidc.agent.inbound.excluded-path: unknown property");
        assertThatThrownBy(() -> Settings.load(
                        null, Map.of("vault.oidc.agent.plugins.nope.enabled", "false"), Map.of(), PLUGINS))
                .hasMessageStartingWith("vault.oidc.agent.plugins.nope.enabled: unknown property");
        assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("VAULT_OIDC_AGENT_TYPO", "1"), PLUGINS))
                .hasMessageStartingWith("VAULT_OIDC_AGENT_TYPO");
    }

    @Test
    void unknownLibraryPropertiesAndSpringOnlyOnesAreWarnings() {
        Settings s = Settings.load("filter.realm=x,something-else=1", Map.of(), Map.of(), PLUGINS);
        assertThat(s.warnings()).hasSize(2);
        assertThat(s.has("filter.realm")).isFalse();
    }

    @Test
    void signatureProviderTakesTheStartersValuesInAnyCase() {
        Settings s = Settings.load("signature-provider=NATIVE", Map.of(), Map.of(), PLUGINS);
        assertThat(s.text("signature-provider")).isEqualTo("NATIVE");
        Settings env = Settings.load(null, Map.of(), Map.of("VAULT_OIDC_SIGNATURE_PROVIDER", "jdk"), PLUGINS);
        assertThat(env.text("signature-provider")).isEqualTo("jdk");
        assertThatThrownBy(() -> Settings.load("signature-provider=openssl", Map.of(), Map.of(), PLUGINS))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.getMessage())
                                .contains("vault.oidc.signature-provider", "expected auto, jdk or native"));
    }

    @Test
    void rejectsAMalformedDurationNamingIt() {
        assertThatThrownBy(() -> Settings.load("jwks.fetch-wait=soon", Map.of(), Map.of(), PLUGINS))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("vault.oidc.jwks.fetch-wait: not a duration");
    }

    @Test
    void secretsAreNeverEchoed() {
        Settings s = Settings.load("auth.approle.secret-id=s3cr3t", Map.of(), Map.of(), PLUGINS);
        assertThat(s.display("auth.approle.secret-id")).isEqualTo("(set)");
        assertThat(s.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void inboundNeedsAnAudience() {
        assertThatThrownBy(() -> AgentSettings.from(
                        Settings.load("agent.inbound.enabled=true,address=http://v:8200", Map.of(), Map.of(), PLUGINS)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("vault.oidc.audiences:");
        AgentSettings off = AgentSettings.from(Settings.load("address=http://v:8200", Map.of(), Map.of(), PLUGINS));
        assertThat(off.inbound()).isNull();
        AgentSettings on =
                AgentSettings.from(Settings.load("address=http://v:8200,audiences=a", Map.of(), Map.of(), PLUGINS));
        assertThat(on.inbound()).isNotNull();
        assertThat(on.inbound().rolesClaim()).isEqualTo("groups");
    }

    @Test
    void outboundNeedsRoleHostsAndAddress() {
        assertThatThrownBy(() -> AgentSettings.from(
                        Settings.load("agent.outbound.role=api,address=http://v:8200", Map.of(), Map.of(), PLUGINS)))
                .hasMessageStartingWith("vault.oidc.agent.outbound.hosts:");
        assertThatThrownBy(() -> AgentSettings.from(
                        Settings.load("agent.outbound.hosts=a,address=http://v:8200", Map.of(), Map.of(), PLUGINS)))
                .hasMessageStartingWith("vault.oidc.agent.outbound.role:");
        assertThatThrownBy(() -> AgentSettings.from(
                        Settings.load("agent.outbound.hosts=a,agent.outbound.role=api", Map.of(), Map.of(), PLUGINS)))
                .hasMessageStartingWith("vault.oidc.address:");
        assertThatThrownBy(() -> AgentSettings.from(Settings.load(
                        "agent.outbound.hosts=*.internal," + "agent.outbound.role=api,address=http://v:8200",
                        Map.of(),
                        Map.of(),
                        PLUGINS)))
                .hasMessageStartingWith("vault.oidc.agent.outbound.hosts:");
    }
}
