package dev.vaultoidc.emulator;

/**
 * The OIDC identity-token paths under {@code identity/oidc/} (spec §7): config, named keys and
 * their rotation, roles, token generation, introspection, discovery and JWKS. Each operation runs
 * in {@link OidcEngine#locked}, so it sees the key ring Vault's periodic function would have left.
 */
final class OidcPaths {

    private static final String PREFIX = "identity/oidc/";

    private final OidcEngine engine;

    OidcPaths(OidcEngine engine) {
        this.engine = engine;
    }

    /** Unauthenticated OIDC paths (spec §1.9); the plugins child issuer is not emulated. */
    static boolean isUnauthenticated(String path) {
        return path != null && path.startsWith(PREFIX + ".well-known/");
    }

    void register(Router r) {
        r.add(PREFIX + "config", "issuer")
                .on("GET", req -> engine.locked(now -> engine.readConfig()))
                .on("POST", req -> engine.locked(now -> engine.updateConfig(req.body())));

        r.add(PREFIX + "key", (String[]) null).on("LIST", req -> engine.locked(now -> engine.listKeys()));
        r.add(PREFIX + "key/:name", "name", "rotation_period", "verification_ttl", "algorithm", "allowed_client_ids")
                .existenceCheck()
                .on("GET", req -> engine.locked(now -> engine.readKey(name(req))))
                .on("POST", req -> engine.locked(now -> engine.writeKey(name(req), req.body(), now)))
                .on("DELETE", req -> engine.locked(now -> engine.deleteKey(name(req))));
        r.add(PREFIX + "key/:name/rotate", "name", "verification_ttl")
                .on("POST", req -> engine.locked(now -> engine.rotateKey(name(req), req.body(), now)));

        r.add(PREFIX + "role", (String[]) null).on("LIST", req -> engine.locked(now -> engine.listRoles()));
        r.add(PREFIX + "role/:name", "name", "key", "template", "client_id", "ttl")
                .existenceCheck()
                .on("GET", req -> engine.locked(now -> engine.readRole(name(req))))
                .on("POST", req -> engine.locked(now -> engine.writeRole(name(req), req.body(), now)))
                .on("DELETE", req -> engine.locked(now -> engine.deleteRole(name(req))));

        r.add(PREFIX + "token/:name", "name")
                .on("GET", req -> engine.locked(now -> engine.generateToken(name(req), req, now)));
        // A raw response: the framework's field warnings never reach it.
        r.add(PREFIX + "introspect", "token", "client_id")
                .on("POST", req -> engine.locked(now -> engine.introspect(req.body(), now)));

        r.add(PREFIX + ".well-known/openid-configuration", (String[]) null)
                .on("GET", req -> engine.locked(now -> engine.discovery()));
        r.add(PREFIX + ".well-known/keys", (String[]) null).on("GET", req -> engine.locked(now -> engine.jwks()));
    }

    /** The captured {@code :name}; the router put it in the data, overriding any supplied value. */
    private static String name(EmulatorRequest req) {
        return req.body().get("name").toString();
    }
}
