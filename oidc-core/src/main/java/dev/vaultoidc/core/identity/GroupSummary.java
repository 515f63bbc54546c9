package dev.vaultoidc.core.identity;

/**
 * One entry of {@link Groups#list()}: the ID and what Vault's {@code key_info} says about it (spec §4.7).
 *
 * @param id                the group ID
 * @param name              the group name, or null if Vault sent no {@code key_info} for it
 * @param memberEntityCount number of member entities
 * @param parentGroupCount  number of parent groups
 * @param alias             the external group's alias, or null when it has none
 */
public record GroupSummary(String id, String name, int memberEntityCount, int parentGroupCount, AliasSummary alias) {}
