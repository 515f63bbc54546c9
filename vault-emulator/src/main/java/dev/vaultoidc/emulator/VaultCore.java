package dev.vaultoidc.emulator;

import dev.vaultoidc.emulator.acl.PolicyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One emulated Vault's state and routing, independent of HTTP: the auth mount table, tokens, the
 * identity store, AppRole and the OIDC engine, and the one {@link Router} every logical path is
 * registered on (each {@code *Paths} class registers its own). {@link VaultEmulator#reset()}
 * replaces the whole core, which is how state is made fresh.
 *
 * <p>Locking: one monitor (the identity store) guards every request. The OIDC engine also has its
 * own lock, always taken inside this one on the request path, for its test hooks.
 */
final class VaultCore {

    final EmulatorClock clock;
    final Flavour flavour;
    final AuthMounts mounts = new AuthMounts();
    final IdentityStore identity;
    final TokenStore tokens;
    final AppRoleBackend approle;
    final PolicyStore policies = new PolicyStore();
    /** The ACL check in front of routing; see {@link #handle(EmulatorRequest, Duration)}. */
    final AclEnforcer acl;

    private final Router router;
    private final OidcProviderFlow oidcProvider;

    VaultCore(EmulatorClock clock, String rootToken, Supplier<String> apiAddress, Flavour flavour) {
        this.clock = clock;
        this.flavour = flavour;
        this.router = new Router(flavour);
        this.identity = new IdentityStore(clock, mounts, flavour);
        this.tokens = new TokenStore(clock, rootToken);
        this.approle = new AppRoleBackend(clock, identity, tokens, flavour);
        // The OIDC engine reads entities and groups through the identity store's IdentityView and
        // runs on the emulator's clock (spec §7).
        OidcEngine oidc = new OidcEngine(clock, identity, apiAddress, flavour);
        new SysPaths(clock, mounts, this::unmounted, flavour).register(router);
        new TokenPaths(clock, tokens, identity, mounts, p -> policies.get(p).isPresent()).register(router);
        new EntityPaths(identity, flavour).register(router);
        new EntityAliasPaths(identity).register(router);
        new GroupPaths(identity, flavour).register(router);
        new GroupAliasPaths(identity).register(router);
        new LookupPaths(identity).register(router);
        new OidcPaths(oidc).register(router);
        // The OIDC provider (spec §9) signs with the engine's named keys, which its clients pin.
        OidcProviderStore providerStore = new OidcProviderStore(oidc, apiAddress, flavour);
        oidc.clientKeyUse(providerStore);
        oidcProvider = new OidcProviderFlow(
                providerStore, identity, accessor -> tokens.byAccessor(accessor).map(TokenStore.Token::issued));
        new OidcProviderPaths(oidc, providerStore, oidcProvider).register(router);
        this.acl = new AclEnforcer(policies, tokens, identity, flavour, this::route);
        new PolicyPaths(policies, clock, flavour).register(router);
        new CapabilitiesPaths(tokens, acl, flavour).register(router);
    }

    /** Disabling an auth method takes its aliases and its AppRole state with it. */
    private void unmounted(AuthMounts.Mount mount) {
        identity.deleteAliasesOfAccessor(mount.accessor());
        approle.unmounted(mount);
    }

    /** Paths served without a token (spec §1.9, plus health). */
    boolean isUnauthenticated(String path) {
        return path.equals("sys/health")
                || path.equals("sys/seal-status")
                || isLoginPath(path)
                || OidcProviderPaths.checksOwnToken(path);
    }

    /**
     * Paths Vault's core serves as login requests: the OIDC well-knowns and AppRole's
     * {@code login}. Their core errors come back bare (see {@link Router#dispatch}).
     */
    private boolean isLoginPath(String path) {
        if (OidcPaths.isUnauthenticated(path) || OidcProviderPaths.isUnauthenticated(path)) {
            return true;
        }
        if (path.startsWith("auth/")) {
            synchronized (identity) {
                String rest = path.substring("auth/".length());
                return mounts.forAuthPath(rest)
                        .filter(m -> m.type().equals("approle"))
                        .map(m -> rest.substring(
                                        Math.min(rest.length(), m.path().length()))
                                .equals("login"))
                        .orElse(false);
            }
        }
        return false;
    }

    Optional<EmulatorRequest.CallerToken> authenticate(String token) {
        synchronized (identity) {
            return tokens.valid(token)
                    .filter(this::entityAccepted)
                    .map(t ->
                            new EmulatorRequest.CallerToken(t.accessor(), Optional.ofNullable(t.entityId()), t.root()));
        }
    }

    /**
     * Vault's {@code CheckToken} refuses a token whose entity is disabled or no longer exists
     * ("permission denied as the entity on the token is invalid"); OpenBao 2.7.2 answers 403 for
     * both, on every path.
     */
    private boolean entityAccepted(TokenStore.Token token) {
        if (token.entityId() == null) {
            return true;
        }
        IdentityStore.Entity entity = identity.entities.get(token.entityId());
        return entity != null && !entity.disabled;
    }

    /**
     * The 403 for a request whose token was missing or refused. Vault wraps it and adds
     * {@code invalid token} when it does not know the token (clients log in again on that);
     * OpenBao 2.7.2 answers a bare {@code permission denied} in every case.
     */
    EmulatorResponse permissionDenied(String presented) {
        synchronized (identity) {
            if (oidcProvider.isAccessToken(presented, clock.instant())) {
                // A valid token whose only policy is its provider's userinfo: the ACL refuses it, and
                // that 403 is wrapped in both flavours (seen on OpenBao 2.7.2).
                return EmulatorResponse.error(403, GoText.multiError("permission denied"));
            }
        }
        if (flavour == Flavour.OPENBAO) {
            return EmulatorResponse.error(403, "permission denied");
        }
        boolean known;
        synchronized (identity) {
            known = presented != null
                    && !presented.isEmpty()
                    && tokens.valid(presented).isPresent();
        }
        return EmulatorResponse.error(
                403,
                presented == null || presented.isEmpty() || known
                        ? GoText.multiError("permission denied")
                        : GoText.multiError(List.of("permission denied", "invalid token")));
    }

    /** {@link #handle(EmulatorRequest, Duration, boolean)} for a request that asks for no response wrapping. */
    EmulatorResponse handle(EmulatorRequest request) {
        return handle(request, null, "LIST".equals(request.method()));
    }

    /**
     * Serves one request: Vault's ACL check first (unauthenticated paths skip it; a refused request
     * never reaches a handler, nor a 404), then routing.
     *
     * @param wrapTtl the TTL asked for with {@code X-Vault-Wrap-TTL}, or null
     * @param trailingSlash whether the path was sent with one (see {@link Router#dispatch})
     */
    EmulatorResponse handle(EmulatorRequest request, Duration wrapTtl, boolean trailingSlash) {
        synchronized (identity) {
            if (!isUnauthenticated(request.path())) {
                EmulatorResponse refused = acl.check(request, wrapTtl);
                if (refused != null) {
                    return refused;
                }
            }
            return route(request, trailingSlash);
        }
    }

    /** Routing without the ACL check, for the enforcer's existence probe. */
    private EmulatorResponse route(EmulatorRequest request) {
        return route(request, "LIST".equals(request.method()));
    }

    private EmulatorResponse route(EmulatorRequest request, boolean trailingSlash) {
        String path = request.path();
        synchronized (identity) {
            boolean login = isLoginPath(path);
            if (path.startsWith("auth/") && !path.startsWith("auth/token/")) {
                String rest = path.substring("auth/".length());
                Optional<AuthMounts.Mount> mount = mounts.forAuthPath(rest);
                if (mount.isPresent() && mount.get().type().equals("approle")) {
                    String relative = rest.length() > mount.get().path().length()
                            ? rest.substring(mount.get().path().length())
                            : "";
                    return approle.dispatch(request, mount.get(), relative, login, trailingSlash);
                }
                return mount.isPresent() ? Router.unsupportedPath(login) : noRoute(path, login);
            }
            if (!hasMount(path)) {
                return noRoute(path, login);
            }
            return router.dispatch(request, path, login, trailingSlash);
        }
    }

    /** Whether a mount the emulator serves holds {@code path}: identity, sys or an auth mount. */
    private static boolean hasMount(String path) {
        return path.equals("identity")
                || path.startsWith("identity/")
                || path.startsWith("sys/")
                || path.startsWith("auth/token/");
    }

    /**
     * A path no mount holds. OpenBao's router answers it itself, bare ({@code no handler for route
     * "nope". route entry not found.}, 404, seen on OpenBao 2.7.2); the VAULT flavour keeps the
     * emulator's {@code unsupported path}.
     */
    private EmulatorResponse noRoute(String path, boolean login) {
        if (flavour == Flavour.OPENBAO) {
            return EmulatorResponse.error(
                    404, "no handler for route " + GoText.quote(path) + ". route entry not found.");
        }
        return Router.unsupportedPath(login);
    }

    /** {@code mount_type} of the envelope (spec §1.5). */
    String mountType(String path) {
        if (path.startsWith("identity/") || path.equals("identity")) {
            return "identity";
        }
        if (path.startsWith("sys/")) {
            return "system";
        }
        if (path.startsWith("auth/")) {
            synchronized (identity) {
                return mounts.forAuthPath(path.substring("auth/".length()))
                        .map(AuthMounts.Mount::type)
                        .orElse("");
            }
        }
        return "";
    }
}
