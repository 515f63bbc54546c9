package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.emulator.IdentityView.AliasSnapshot;
import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import dev.vaultoidc.emulator.IdentityView.GroupSnapshot;
import dev.vaultoidc.emulator.OidcTemplateRenderer.TemplateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** identitytpl in JSON mode, spec §7.6. */
class OidcTemplateRendererTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final long T = NOW.getEpochSecond();

    final List<GroupSnapshot> groups = List.of(
            new GroupSnapshot("g-1", "devs", Map.of("tier", "gold")), new GroupSnapshot("g-2", "ops", Map.of()));
    final EntitySnapshot entity = new EntitySnapshot(
            "ent-1",
            "alice",
            false,
            Map.of("team", "blue", "email", "a@example.com"),
            List.of(new AliasSnapshot(
                    "al-1", "alice-gh", "auth_github_1", Map.of("org", "acme"), Map.of("level", "3"))),
            groups);

    String render(String template) throws TemplateException {
        return OidcTemplateRenderer.render(template, entity, groups, NOW);
    }

    @Test
    void entityValuesAreJsonEncoded() throws Exception {
        assertThat(render("{\"id\":{{identity.entity.id}},\"n\":{{ identity.entity.name }}}"))
                .isEqualTo("{\"id\":\"ent-1\",\"n\":\"alice\"}");
        assertThat(render("{{identity.entity.metadata}}")).isEqualTo("{\"email\":\"a@example.com\",\"team\":\"blue\"}");
        assertThat(render("{{identity.entity.metadata.team}}")).isEqualTo("\"blue\"");
        assertThat(render("{{identity.entity.metadata.missing}}")).isEqualTo("\"\"");
    }

    @Test
    void entityGroupListsAreJsonArrays() throws Exception {
        assertThat(render("{{identity.entity.groups.ids}}")).isEqualTo("[\"g-1\",\"g-2\"]");
        assertThat(render("{{identity.entity.groups.names}}")).isEqualTo("[\"devs\",\"ops\"]");
        assertThat(OidcTemplateRenderer.render("{{identity.entity.groups.names}}", entity, List.of(), NOW))
                .isEqualTo("null");
    }

    @Test
    void aliasValuesAreFoundByMountAccessor() throws Exception {
        assertThat(render("{{identity.entity.aliases.auth_github_1.id}}")).isEqualTo("\"al-1\"");
        assertThat(render("{{identity.entity.aliases.auth_github_1.name}}")).isEqualTo("\"alice-gh\"");
        assertThat(render("{{identity.entity.aliases.auth_github_1.metadata}}")).isEqualTo("{\"org\":\"acme\"}");
        assertThat(render("{{identity.entity.aliases.auth_github_1.metadata.org}}"))
                .isEqualTo("\"acme\"");
        assertThat(render("{{identity.entity.aliases.auth_github_1.custom_metadata}}"))
                .isEqualTo("{\"level\":\"3\"}");
        assertThat(render("{{identity.entity.aliases.auth_github_1.custom_metadata.level}}"))
                .isEqualTo("\"3\"");
        assertThat(render("{{identity.entity.aliases.auth_github_1.custom_metadata.nope}}"))
                .isEqualTo("\"\"");
    }

    @Test
    void missingAliasRendersEmptyDefaultsInJsonMode() throws Exception {
        assertThat(render("{{identity.entity.aliases.other.name}}")).isEqualTo("\"\"");
        assertThat(render("{{identity.entity.aliases.other.metadata}}")).isEqualTo("{}");
        assertThatThrownBy(() -> render("{{identity.entity.aliases.other}}")).hasMessage("invalid alias selector");
    }

    @Test
    void groupValuesByIdOrNameAreWrittenBare() throws Exception {
        assertThat(render("\"{{identity.groups.ids.g-1.name}}\"")).isEqualTo("\"devs\"");
        assertThat(render("\"{{identity.groups.names.ops.id}}\"")).isEqualTo("\"g-2\"");
        assertThat(render("\"{{identity.groups.names.devs.metadata.tier}}\"")).isEqualTo("\"gold\"");
        assertThatThrownBy(() -> render("{{identity.groups.names.ops.metadata.tier}}"))
                .hasMessage(OidcTemplateRenderer.ERR_NOT_FOUND);
        assertThatThrownBy(() -> render("{{identity.groups.ids.g-9.name}}"))
                .hasMessage("entity is not a member of group \"g-9\"");
        assertThatThrownBy(() -> render("{{identity.groups.teams.x.id}}")).hasMessage("invalid groups selector");
        assertThatThrownBy(() -> render("{{identity.groups.ids.g-1}}")).hasMessage("invalid groups accessor");
        assertThatThrownBy(
                        () -> OidcTemplateRenderer.render("{{identity.groups.ids.g-1.name}}", entity, List.of(), NOW))
                .hasMessage(OidcTemplateRenderer.ERR_NO_GROUPS);
    }

    @Test
    void timeValuesAreUnixSeconds() throws Exception {
        assertThat(render("{\"now\":{{time.now}},\"later\":{{time.now.plus.1h}},\"before\":{{time.now.minus.90}}}"))
                .isEqualTo("{\"now\":" + T + ",\"later\":" + (T + 3600) + ",\"before\":" + (T - 90) + "}");
        assertThatThrownBy(() -> render("{{time.now.plus}}")).hasMessage("missing time operand");
        assertThatThrownBy(() -> render("{{time.now.times.1h}}")).hasMessage("invalid time operator \"times\"");
        assertThatThrownBy(() -> render("{{time.then}}")).hasMessage("invalid time selector \"then\"");
        assertThatThrownBy(() -> render("{{time.now.plus.soon}}")).hasMessageStartingWith("invalid duration: ");
    }

    @Test
    void stringsAreEscapedLikeGo() throws Exception {
        EntitySnapshot odd = new EntitySnapshot("x", "a\"<b>&\n", false, null, null, null);
        assertThat(OidcTemplateRenderer.render("{{identity.entity.name}}", odd, List.of(), NOW))
                .isEqualTo("\"a\\\"\\u003cb\\u003e\\u0026\\n\"");
        assertThat(OidcTemplateRenderer.render("{{identity.entity.metadata}}", odd, List.of(), NOW))
                .isEqualTo("null");
    }

    @Test
    void malformedTemplatesFailWithVaultsErrors() {
        assertThatThrownBy(() -> render("a}}b{{identity.entity.id}}")).hasMessage(OidcTemplateRenderer.ERR_UNBALANCED);
        assertThatThrownBy(() -> render("{{identity.entity.id")).hasMessage(OidcTemplateRenderer.ERR_UNBALANCED);
        assertThatThrownBy(() -> render("{{identity.entity.nope}}")).hasMessage(OidcTemplateRenderer.ERR_NOT_FOUND);
        assertThatThrownBy(() -> render("{{something.else}}")).hasMessage(OidcTemplateRenderer.ERR_NOT_FOUND);
        assertThatThrownBy(() -> OidcTemplateRenderer.render("{{identity.entity.id}}", null, List.of(), NOW))
                .hasMessage(OidcTemplateRenderer.ERR_NO_ENTITY);
    }

    @Test
    void textWithoutDirectivesIsReturnedAsIs() throws Exception {
        assertThat(render("{\"static\": true}")).isEqualTo("{\"static\": true}");
        assertThat(render("")).isEmpty();
    }
}
