package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultResponse;
import dev.vaultoidc.core.internal.json.VaultJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns list responses into typed entries. {@code key_info} is keyed by the listed key and may be
 * missing for some keys (older Vault versions, list-by-name, spec §1.8): such entries keep only the
 * key.
 */
final class Listings {

    private static final TypeReference<List<AliasSummary>> ALIASES = new TypeReference<>() {};

    private Listings() {}

    static List<Entities.Summary> entities(VaultResponse response) {
        return map(
                response,
                (id, info) -> new Entities.Summary(
                        id, text(info, "name"), convert(info == null ? null : info.get("aliases"), ALIASES)));
    }

    static List<Groups.Summary> groups(VaultResponse response) {
        return map(
                response,
                (id, info) -> new Groups.Summary(
                        id,
                        text(info, "name"),
                        info == null ? 0 : info.path("num_member_entities").asInt(),
                        info == null ? 0 : info.path("num_parent_groups").asInt(),
                        alias(info == null ? null : info.get("alias"))));
    }

    static List<AliasListing> aliases(VaultResponse response) {
        return map(response, (id, info) -> {
            AliasListing listed =
                    info == null || !info.isObject() ? null : convert(info, new TypeReference<AliasListing>() {});
            return listed == null
                    ? new AliasListing(id, null, null, null, null, null, false, null, null)
                    : listed.withId(id);
        });
    }

    private static AliasSummary alias(JsonNode node) {
        if (node == null || !node.isObject() || node.path("id").asText("").isEmpty()) {
            return null;
        }
        return convert(node, new TypeReference<AliasSummary>() {});
    }

    private static <T> List<T> map(VaultResponse response, BiFunction<String, JsonNode, T> entry) {
        JsonNode keyInfo = response.data() == null ? null : response.data().get("key_info");
        List<T> out = new ArrayList<>();
        for (String key : response.keys()) {
            JsonNode info = keyInfo == null ? null : keyInfo.get(key);
            out.add(entry.apply(key, info == null || info.isNull() ? null : info));
        }
        return Collections.unmodifiableList(out);
    }

    private static String text(JsonNode info, String field) {
        JsonNode v = info == null ? null : info.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return VaultJson.mapper().treeToValue(node, VaultJson.mapper().constructType(type));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new VaultException(
                    VaultErrorReason.MALFORMED_RESPONSE,
                    0,
                    List.of(),
                    null,
                    null,
                    null,
                    "list key_info does not fit " + type.getType().getTypeName(),
                    null);
        }
    }
}
