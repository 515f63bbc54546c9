package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Groups (spec §4): {@code vault.identity().groups()}. Thread-safe.
 *
 * <p>Create-or-update methods return the new group's {@link Ref} when Vault created it and
 * {@link Optional#empty()} when it updated an existing group (200 vs 204). Only the request's set
 * fields are sent, so an update that does not mention members keeps them and an update of an
 * external group does not need its type (hvac quirks Q1/Q2, spec §8.3, are not reproduced).
 */
public final class Groups {

    private final VaultOperations ops;

    Groups(VaultOperations ops) {
        this.ops = ops;
    }

    /**
     * Creates a group, or updates one: the one with {@link GroupRequest#id()} if set, else the one
     * with {@link GroupRequest#name()} if that exists. hvac {@code create_or_update_group}.
     *
     * @return the created group, or empty when an existing group was updated
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} e.g. for a type change, a
     *     name in use or a cycle; {@link VaultErrorReason#SERVER_ERROR} for unknown member IDs
     *     (Vault answers 500 there, spec §4.4)
     */
    public Optional<Ref> createOrUpdate(GroupRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/group", request).map(r -> r.dataAs(Ref.class));
    }

    /**
     * Creates the group called {@code name}, or updates it if it exists; the request's own name is
     * ignored (the path wins). hvac {@code create_or_update_group_by_name}.
     *
     * <p>Retried on transient failures (the write is idempotent); if Vault created the group but
     * its answer was lost, the retry reports an update.
     *
     * @return the created group, or empty when it existed and was updated
     */
    public Optional<Ref> createOrUpdateByName(String name, GroupRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/group/name/" + Values.name(name, "group name"), request, true)
                .map(r -> r.dataAs(Ref.class));
    }

    /**
     * Updates the group with this ID; only the request's set fields change.
     *
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} if no group has this ID
     */
    public void update(String id, GroupRequest request) {
        Objects.requireNonNull(request, "request");
        ops.write("identity/group/id/" + Values.id(id, "group id"), request, true);
    }

    /** The group with this ID, or empty. */
    public Optional<Group> read(String id) {
        return ops.read("identity/group/id/" + Values.id(id, "group id")).map(r -> r.dataAs(Group.class));
    }

    /** The group with this name (case-insensitive; may contain {@code /}), or empty. */
    public Optional<Group> readByName(String name) {
        return ops.read("identity/group/name/" + Values.name(name, "group name"))
                .map(r -> r.dataAs(Group.class));
    }

    /** Deletes the group (and an external group's alias); nothing happens if it does not exist. */
    public void delete(String id) {
        ops.delete("identity/group/id/" + Values.id(id, "group id"));
    }

    /** Deletes the group with this name; nothing happens if it does not exist. */
    public void deleteByName(String name) {
        ops.delete("identity/group/name/" + Values.name(name, "group name"));
    }

    /** All groups with their {@code key_info}, in Vault's order (by ID); empty when there are none. */
    public List<Summary> list() {
        return Listings.groups(ops.list("identity/group/id"));
    }

    /** Like {@link #list()}, with the given list mode. */
    public List<Summary> list(ListMode mode) {
        return Listings.groups(ops.list("identity/group/id", mode));
    }

    /** The names of all groups, in Vault's order (by ID, not alphabetical); empty when there are none. */
    public List<String> listNames() {
        return ops.list("identity/group/name").keys();
    }

    /** Like {@link #listNames()}, with the given list mode. */
    public List<String> listNames(ListMode mode) {
        return ops.list("identity/group/name", mode).keys();
    }

    /**
     * What Vault returns when a group is created (spec §4.4).
     *
     * @param id   the new group's ID
     * @param name its name (generated as {@code group_xxxxxxxx} when none was given)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ref(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name) {}

    /**
     * One entry of {@link Groups#list()}: the ID and what Vault's {@code key_info} says about it (spec §4.7).
     *
     * @param id                the group ID
     * @param name              the group name, or null if Vault sent no {@code key_info} for it
     * @param memberEntityCount number of member entities
     * @param parentGroupCount  number of parent groups
     * @param alias             the external group's alias, or null when it has none
     */
    public record Summary(String id, String name, int memberEntityCount, int parentGroupCount, AliasSummary alias) {}
}
