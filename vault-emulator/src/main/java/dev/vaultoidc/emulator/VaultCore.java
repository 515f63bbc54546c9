package dev.vaultoidc.emulator;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One emulated Vault's state and routing, independent of HTTP: the auth mount table, tokens, the
 * identity store, AppRole, and the OIDC engine hook. {@link VaultEmulator#reset()} replaces the
 * whole core, which is how state is made fresh.
 *
 * <p>Locking: one monitor (the identity store) guards everything except the OIDC engine, which
 * reads identity through {@link IdentityView} and that view takes the same monitor.
 */
final class VaultCore {

  final EmulatorClock clock;
  final AuthMounts mounts = new AuthMounts();
  final IdentityStore identity;
  final TokenStore tokens;
  final AppRoleBackend approle;
  private final Router router = new Router();
  private Function<EmulatorRequest, EmulatorResponse> oidcHandler = Router.UNSUPPORTED_PATH;
  private Predicate<String> oidcUnauthenticated = path -> false;

  VaultCore(EmulatorClock clock, String rootToken, Supplier<String> apiAddress) {
    this.clock = clock;
    this.identity = new IdentityStore(clock, mounts);
    this.tokens = new TokenStore(clock, rootToken);
    this.approle = new AppRoleBackend(this);
    new SysPaths(this).register(router);
    new TokenPaths(this).register(router);
    new EntityPaths(identity).register(router);
    new EntityAliasPaths(identity).register(router);
    new GroupPaths(identity).register(router);
    new GroupAliasPaths(identity).register(router);
    new LookupPaths(identity).register(router);

    // Every path under identity/oidc/ goes to the OIDC engine (spec §7); it reads entities and
    // groups through the identity store's IdentityView and runs on the emulator's clock.
    OidcEngine oidc = new OidcEngine(clock, identity, apiAddress);
    delegateOidc(oidc::handle, OidcEngine::isUnauthenticated);
  }

  /** Routes {@code identity/oidc/**} to {@code handler}; see the wiring block in the constructor. */
  void delegateOidc(Function<EmulatorRequest, EmulatorResponse> handler,
      Predicate<String> unauthenticated) {
    this.oidcHandler = handler;
    this.oidcUnauthenticated = unauthenticated;
  }

  static boolean isOidcPath(String path) {
    return path.equals("identity/oidc") || path.startsWith("identity/oidc/");
  }

  /** Paths served without a token (spec §1.9, plus health and AppRole login). */
  boolean isUnauthenticated(String path) {
    if (path.equals("sys/health") || path.equals("sys/seal-status")) {
      return true;
    }
    if (isOidcPath(path)) {
      return oidcUnauthenticated.test(path);
    }
    if (path.startsWith("auth/")) {
      synchronized (identity) {
        String rest = path.substring("auth/".length());
        return mounts.forAuthPath(rest)
            .filter(m -> m.type().equals("approle"))
            .map(m -> rest.substring(Math.min(rest.length(), m.path().length())).equals("login"))
            .orElse(false);
      }
    }
    return false;
  }

  Optional<EmulatorRequest.CallerToken> authenticate(String token) {
    synchronized (identity) {
      // Vault refuses tokens whose entity is disabled.
      return tokens.valid(token)
          .filter(t -> t.entityId() == null || !Optional.ofNullable(identity.entities.get(t.entityId()))
              .map(e -> e.disabled).orElse(false))
          .map(t -> new EmulatorRequest.CallerToken(
              t.accessor(), Optional.ofNullable(t.entityId()), t.root()));
    }
  }

  /** The raw token id a caller presented; some token paths need more than {@code CallerToken}. */
  Optional<TokenStore.Token> tokenByAccessor(EmulatorRequest request) {
    return request.token().flatMap(ct -> tokens.byAccessor(ct.accessor()));
  }

  EmulatorResponse handle(EmulatorRequest request) {
    String path = request.path();
    if (isOidcPath(path)) {
      try {
        return oidcHandler.apply(request);
      } catch (Fields.FieldValidationException e) {
        return EmulatorResponse.error(400, e.getMessage());
      } catch (Router.PlainError e) {
        return EmulatorResponse.error(500, Router.multiError(e.getMessage()));
      }
    }
    synchronized (identity) {
      if (path.startsWith("auth/") && !path.startsWith("auth/token/")) {
        String rest = path.substring("auth/".length());
        Optional<AuthMounts.Mount> mount = mounts.forAuthPath(rest);
        if (mount.isPresent() && mount.get().type().equals("approle")) {
          String relative = rest.length() > mount.get().path().length()
              ? rest.substring(mount.get().path().length()) : "";
          return approle.dispatch(request, mount.get(), relative);
        }
        return Router.unsupportedPath();
      }
      return router.dispatch(request, path);
    }
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
            .map(AuthMounts.Mount::type).orElse("");
      }
    }
    return "";
  }
}
