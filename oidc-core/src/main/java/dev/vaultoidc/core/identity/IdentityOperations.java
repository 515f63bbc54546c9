package dev.vaultoidc.core.identity;

import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.oidc.OidcAdmin;
import java.util.Objects;

/**
 * Typed administration of Vault's identity secrets engine, grouped by object like Spring Vault's
 * {@code opsForXxx()}: obtain it with {@code vault.identity()}. Covers every entity, alias, group,
 * group-alias, lookup and OIDC operation of hvac's {@code Identity} class and what Vault offers beyond it
 * (batch delete, alias custom metadata, merge conflict resolution, per-call list mode); the
 * mapping is in {@code docs/hvac-parity.md}. Thread-safe; holds no state besides the connection.
 *
 * <pre>{@code
 * IdentityOperations identity = vault.identity();
 * Optional<Entities.Ref> created = identity.entities()
 *     .createOrUpdate(EntityRequest.builder().name("billing").policies("billing-read").build());
 * Optional<Entity> billing = identity.entities().readByName("billing");
 * }</pre>
 */
public final class IdentityOperations {

    private final Entities entities;
    private final EntityAliases entityAliases;
    private final Groups groups;
    private final GroupAliases groupAliases;
    private final IdentityLookup lookup;
    private final OidcAdmin oidc;

    private IdentityOperations(VaultOperations ops) {
        this.entities = new Entities(ops);
        this.entityAliases = new EntityAliases(ops);
        this.groups = new Groups(ops);
        this.groupAliases = new GroupAliases(ops);
        this.lookup = new IdentityLookup(ops);
        this.oidc = new OidcAdmin(ops);
    }

    /**
     * Identity operations over any {@link VaultOperations}; {@code VaultClient.identity()} is the
     * usual way to get one.
     */
    public static IdentityOperations over(VaultOperations logical) {
        return new IdentityOperations(Objects.requireNonNull(logical, "logical"));
    }

    /** Entities: create, read, update, delete, batch delete, list, merge. */
    public Entities entities() {
        return entities;
    }

    /** Entity aliases, with custom metadata. */
    public EntityAliases entityAliases() {
        return entityAliases;
    }

    /** Internal and external groups. */
    public Groups groups() {
        return groups;
    }

    /** Group aliases (of external groups). */
    public GroupAliases groupAliases() {
        return groupAliases;
    }

    /** Entity and group lookup by ID, name or alias. */
    public IdentityLookup lookup() {
        return lookup;
    }

    /**
     * OIDC identity tokens: issuer config, named keys (incl. rotation), roles, token generation,
     * introspection and the two {@code .well-known} documents (spec §7).
     */
    public OidcAdmin oidc() {
        return oidc;
    }
}
