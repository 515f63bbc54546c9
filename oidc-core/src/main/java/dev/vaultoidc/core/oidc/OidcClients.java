package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OIDC provider's clients ({@code identity/oidc/client}, spec §9.4), reached as
 * {@code vault.identity().oidc().clients()}. Thread-safe; every method is one Vault request.
 */
public final class OidcClients {

    /** The built-in named key clients sign with unless they name another. */
    public static final String DEFAULT_KEY = "default";

    private static final String BASE = "identity/oidc/client";

    private final VaultOperations ops;

    OidcClients(VaultOperations ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /**
     * Creates the client, or updates the fields {@code request} sets. The client ID and secret are generated on
     * create and kept across updates: {@link #read(String)} the client to learn them.
     */
    public void write(String name, ClientRequest request) {
        ops.write(BASE + "/" + Wire.name(name, "client name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads a client, with its secret; empty when it does not exist. */
    public Optional<OidcClient> read(String name) {
        return ops.read(BASE + "/" + Wire.name(name, "client name"))
                .filter(r -> r.data() != null)
                .map(r -> client(name, r.data()));
    }

    /** The client names, lexicographic; empty when there are none. */
    public List<String> list() {
        return ops.list(BASE).keys();
    }

    /**
     * Every client with its settings from the list's {@code key_info}, in name order. Vault leaves the secrets
     * out of lists, so {@link OidcClient#clientSecret()} is {@code ""} here.
     */
    public List<OidcClient> listDetailed() {
        VaultResponse r = ops.list(BASE);
        JsonNode info = r.data() == null ? null : r.data().get("key_info");
        List<OidcClient> out = new ArrayList<>();
        for (String name : r.keys()) {
            JsonNode d = info == null ? null : info.get(name);
            if (d != null && d.isObject()) {
                out.add(client(name, d));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Deletes a client; nothing happens when it does not exist. Its issued access tokens stop working. */
    public void delete(String name) {
        ops.delete(BASE + "/" + Wire.name(name, "client name"));
    }

    static OidcClient client(String name, JsonNode d) {
        return new OidcClient(
                name,
                Wire.strings(d, "redirect_uris"),
                Wire.strings(d, "assignments"),
                Wire.text(d, "key"),
                Wire.duration(d, "id_token_ttl"),
                Wire.duration(d, "access_token_ttl"),
                Wire.text(d, "client_id"),
                Wire.text(d, "client_type"),
                Wire.text(d, "client_secret"),
                bool(d, "authorization_code"),
                bool(d, "client_credentials"));
    }

    private static Boolean bool(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || !n.isBoolean() ? null : n.asBoolean();
    }

    @Override
    public String toString() {
        return "OidcClients[" + ops + "]";
    }
}
