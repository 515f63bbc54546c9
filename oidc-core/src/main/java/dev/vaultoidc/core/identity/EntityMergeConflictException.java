package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultException;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity merge refused because the target and a from-entity both have an alias on the same auth
 * mount (spec §2.8). Its {@link #reason()} is {@code INVALID_REQUEST} (HTTP 400), like any rejected
 * request; {@link #clashes()} says which aliases clash. Resolve by merging one entity at a time with
 * {@link EntityMergeRequest.Builder#keepAliases}.
 */
public final class EntityMergeConflictException extends VaultException {

    private static final long serialVersionUID = 1L;

    /**
     * One side of a clash as Vault reports it.
     *
     * @param alias     the alias name
     * @param entity    the owning entity's name
     * @param entityId  the owning entity's ID
     * @param mount     the mount type (e.g. {@code userpass})
     * @param mountPath the mount path (e.g. {@code auth/userpass/})
     */
    public record ClashingAlias(String alias, String entity, String entityId, String mount, String mountPath) {}

    /**
     * Two aliases on one mount that cannot both survive the merge.
     *
     * @param target the alias of the entity merged into
     * @param from   the alias of the entity merged from
     */
    public record Clash(ClashingAlias target, ClashingAlias from) {}

    private final transient List<Clash> clashes;

    EntityMergeConflictException(VaultException cause, List<Clash> clashes) {
        super(cause);
        this.clashes = List.copyOf(clashes);
    }

    /** The clashing alias pairs, in Vault's order; never empty. */
    public List<Clash> clashes() {
        return clashes;
    }

    /** Vault's error-with-data body lists the two sides of each clash in turn: target, then from. */
    static List<Clash> parse(JsonNode data) {
        List<Clash> clashes = new ArrayList<>();
        if (data == null || !data.isArray()) {
            return clashes;
        }
        for (int i = 0; i + 1 < data.size(); i += 2) {
            clashes.add(new Clash(side(data.get(i)), side(data.get(i + 1))));
        }
        return clashes;
    }

    private static ClashingAlias side(JsonNode n) {
        return new ClashingAlias(
                text(n, "alias"), text(n, "entity"), text(n, "entity_id"), text(n, "mount"), text(n, "mount_path"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
