package dev.vaultoidc.emulator;

/**
 * The OIDC provider's paths under {@code identity/oidc/} (spec §9): assignments, scopes, clients
 * and providers (create/update, read, list, delete), and each provider's discovery, keys,
 * {@code authorize}, {@code token} and {@code userinfo}. Every operation runs in
 * {@link OidcEngine#locked}, so it sees the key ring Vault's periodic function would have left.
 */
final class OidcProviderPaths {

    private static final String PREFIX = "identity/oidc/";
    private static final String PROVIDER = PREFIX + "provider/";

    private final OidcEngine engine;
    private final OidcProviderStore store;
    private final OidcProviderFlow flow;

    OidcProviderPaths(OidcEngine engine, OidcProviderStore store, OidcProviderFlow flow) {
        this.engine = engine;
        this.store = store;
        this.flow = flow;
    }

    /**
     * Vault's {@code PathsSpecial.Unauthenticated} for the provider: its {@code .well-known}
     * documents and the token endpoint. Vault serves them as login requests (bare core errors).
     */
    static boolean isUnauthenticated(String path) {
        if (path == null || !path.startsWith(PROVIDER)) {
            return false;
        }
        String[] rest = path.substring(PROVIDER.length()).split("/", -1);
        return (rest.length == 2 && rest[1].equals("token")) || (rest.length >= 2 && rest[1].equals(".well-known"));
    }

    /**
     * Userinfo checks its access token itself (spec §9.10): Vault's ACL failures there become the
     * 401 {@code invalid_token} rewrite, which the handler produces.
     */
    static boolean checksOwnToken(String path) {
        return OidcProviderFlow.isUserinfoPath(path);
    }

    void register(Router r) {
        r.add(PREFIX + "assignment", (String[]) null).on("LIST", req -> engine.locked(now -> store.listAssignments()));
        r.add(PREFIX + "assignment/:name", "name", "entity_ids", "group_ids")
                .existenceCheck()
                .on("GET", req -> engine.locked(now -> store.readAssignment(name(req))))
                .on("POST", req -> engine.locked(now -> store.writeAssignment(name(req), req.body())))
                .on("DELETE", req -> engine.locked(now -> store.deleteAssignment(name(req))));

        r.add(PREFIX + "scope", (String[]) null).on("LIST", req -> engine.locked(now -> store.listScopes()));
        r.add(PREFIX + "scope/:name", "name", "template", "description")
                .existenceCheck()
                .on("GET", req -> engine.locked(now -> store.readScope(name(req))))
                .on("POST", req -> engine.locked(now -> store.writeScope(name(req), req.body(), now)))
                .on("DELETE", req -> engine.locked(now -> store.deleteScope(name(req))));

        r.add(PREFIX + "client", (String[]) null).on("LIST", req -> engine.locked(now -> store.listClients()));
        String[] clientFields = store.flavour() == Flavour.OPENBAO
                ? new String[] {
                    "name",
                    "redirect_uris",
                    "assignments",
                    "key",
                    "id_token_ttl",
                    "access_token_ttl",
                    "client_type",
                    "authorization_code",
                    "client_credentials"
                }
                : new String[] {
                    "name", "redirect_uris", "assignments", "key", "id_token_ttl", "access_token_ttl", "client_type"
                };
        r.add(PREFIX + "client/:name", clientFields)
                .existenceCheck()
                .on("GET", req -> engine.locked(now -> store.readClient(name(req))))
                .on("POST", req -> engine.locked(now -> store.writeClient(name(req), req.body(), now)))
                .on("DELETE", req -> engine.locked(now -> store.deleteClient(name(req))));

        r.add(PREFIX + "provider", "allowed_client_id")
                .on("LIST", req -> engine.locked(now -> store.listProviders(req.body())));
        r.add(PROVIDER + ":name", "name", "issuer", "allowed_client_ids", "scopes_supported")
                .existenceCheck()
                .on("GET", req -> engine.locked(now -> store.readProvider(name(req))))
                .on("POST", req -> engine.locked(now -> store.writeProvider(name(req), req.body(), now)))
                .on("DELETE", req -> engine.locked(now -> store.deleteProvider(name(req))));

        r.add(PROVIDER + ":name/.well-known/openid-configuration", "name")
                .on("GET", req -> engine.locked(now -> flow.discovery(name(req))));
        r.add(PROVIDER + ":name/.well-known/keys", "name").on("GET", req -> engine.locked(now -> flow.jwks(name(req))));
        r.add(
                        PROVIDER + ":name/authorize",
                        "name",
                        "client_id",
                        "scope",
                        "redirect_uri",
                        "response_type",
                        "state",
                        "nonce",
                        "max_age",
                        "code_challenge",
                        "code_challenge_method",
                        "request",
                        "request_uri")
                .on("GET", req -> engine.locked(now -> flow.authorize(name(req), req, now)))
                .on("POST", req -> engine.locked(now -> flow.authorize(name(req), req, now)));
        r.add(
                        PROVIDER + ":name/token",
                        "name",
                        "grant_type",
                        "code",
                        "redirect_uri",
                        "code_verifier",
                        "client_id",
                        "client_secret",
                        "scope")
                .on("POST", req -> engine.locked(now -> flow.token(name(req), req, now)));
        r.add(PROVIDER + ":name/userinfo", "name")
                .on("GET", req -> engine.locked(now -> flow.userinfo(name(req), req, now)))
                .on("POST", req -> engine.locked(now -> flow.userinfo(name(req), req, now)));
    }

    /** The captured {@code :name}; the router put it in the data, overriding any supplied value. */
    private static String name(EmulatorRequest req) {
        return req.body().get("name").toString();
    }
}
