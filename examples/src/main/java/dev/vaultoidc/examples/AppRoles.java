package dev.vaultoidc.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.VaultResponse;
import java.util.Map;

/**
 * AppRole administration through {@code vault.logical()}: the library has no typed AppRole admin API
 * (it only logs in with AppRole), and these are Vault's plain documented paths.
 */
final class AppRoles {
    private final VaultClient admin;
    private final String mount;

    private AppRoles(VaultClient admin, String mount) {
        this.admin = admin;
        this.mount = mount;
    }

    /** Enables the AppRole auth method at {@code mount} ({@code POST sys/auth/:mount}). */
    static AppRoles enable(VaultClient admin, String mount) {
        admin.logical().write("sys/auth/" + mount, Map.of("type", "approle", "description", "vault-oidc examples"));
        return new AppRoles(admin, mount);
    }

    /** An AppRole mount that is already enabled. */
    static AppRoles existing(VaultClient admin, String mount) {
        return new AppRoles(admin, mount);
    }

    String mount() {
        return mount;
    }

    /**
     * The mount's accessor, which entity and group aliases name. Read from the mount table
     * ({@code GET sys/auth}, keyed {@code "<mount>/"}) rather than {@code GET sys/auth/:mount}, which
     * Vaults before 1.10 do not serve.
     */
    String accessor() {
        VaultResponse r = admin.logical()
                .read("sys/auth")
                .orElseThrow(() -> new IllegalStateException("the auth mount table could not be read"));
        JsonNode mount = r.data() == null ? null : r.data().get(this.mount + "/");
        if (mount == null || !mount.hasNonNull("accessor")) {
            throw new IllegalStateException("auth mount " + this.mount + "/ not found in sys/auth");
        }
        return mount.get("accessor").asText();
    }

    /** Creates or updates an AppRole role ({@code POST auth/:mount/role/:name}). */
    void writeRole(String role, Map<String, ?> settings) {
        admin.logical().write("auth/" + mount + "/role/" + role, settings);
    }

    /** The role's role_id ({@code GET auth/:mount/role/:name/role-id}). */
    String roleId(String role) {
        return admin.logical()
                .read("auth/" + mount + "/role/" + role + "/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
    }

    /** A new secret_id for the role ({@code POST auth/:mount/role/:name/secret-id}). */
    String newSecretId(String role) {
        return admin.logical()
                .write("auth/" + mount + "/role/" + role + "/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
    }

    /** Disables the mount, which deletes its roles and the aliases on it ({@code DELETE sys/auth/:mount}). */
    void disable() {
        admin.logical().delete("sys/auth/" + mount);
    }
}
