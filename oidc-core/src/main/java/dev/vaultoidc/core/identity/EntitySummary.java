package dev.vaultoidc.core.identity;

import java.util.List;

/**
 * One entry of {@link Entities#list()}: the ID and what Vault's {@code key_info} says about it
 * (spec §2.7).
 *
 * @param id      the entity ID
 * @param name    the entity name, or null if Vault sent no {@code key_info} for it
 * @param aliases the entity's aliases; empty when it has none
 */
public record EntitySummary(String id, String name, List<AliasSummary> aliases) {

    /** A null alias list becomes empty. */
    public EntitySummary {
        aliases = Values.list(aliases);
    }
}
