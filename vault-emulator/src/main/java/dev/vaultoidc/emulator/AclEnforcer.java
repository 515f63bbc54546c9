package dev.vaultoidc.emulator;

import dev.vaultoidc.emulator.acl.Acl;
import dev.vaultoidc.emulator.acl.AclResult;
import dev.vaultoidc.emulator.acl.Operation;
import dev.vaultoidc.emulator.acl.Policy;
import dev.vaultoidc.emulator.acl.PolicyStore;
import dev.vaultoidc.emulator.acl.TemplateIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Vault's ACL check, run by {@link VaultCore} on every authenticated request before it is routed
 * (so a token without a matching rule gets 403 even on a path nothing serves, as on a real server).
 *
 * <p>A token's ACL is the union of its own policies and, looked up per request, those of its entity
 * and of every group the entity is in, directly or through parent groups ({@code vault/acl.go},
 * {@code identityPoliciesFromEntity}): changing an entity's or group's policies changes what live
 * tokens may do. Templated paths see the entity, its aliases and its groups.
 *
 * <p>Callers hold the core lock.
 */
final class AclEnforcer {

    /**
     * Paths whose backend has an existence check: a write to one that exists is {@code update}, to a
     * new one {@code create} (observed on OpenBao 2.7.2 with create-only and update-only policies).
     * Every other write is {@code update}.
     */
    private static final Pattern EXISTENCE_CHECKED =
            Pattern.compile("identity/oidc/(?:key|role|assignment|scope|client|provider)/[^/]+"
                    + "|auth/token/roles/[^/]+|auth/.+/role/[^/]+");

    /**
     * Vault's sudo ("root") paths among those the emulator serves: the system backend's
     * {@code auth/*} and the token store's {@code revoke-orphan/*} and {@code accessors*}.
     */
    private static final Pattern SUDO =
            Pattern.compile("sys/auth/.+|auth/token/revoke-orphan(?:/.*)?|auth/token/accessors.*");

    /** Vault's refusal, wrapped by go-multierror on both servers (OpenBao 2.7.2 answers the same). */
    static final String PERMISSION_DENIED = "permission denied";

    private final PolicyStore policies;
    private final TokenStore tokens;
    private final IdentityStore identity;
    private final Acl.Flavor flavor;
    /** Answers a GET on a path for the existence check (200 means it exists). */
    private final Function<EmulatorRequest, EmulatorResponse> probe;

    private volatile boolean enforced = true;

    AclEnforcer(
            PolicyStore policies,
            TokenStore tokens,
            IdentityStore identity,
            Flavour flavour,
            Function<EmulatorRequest, EmulatorResponse> probe) {
        this.policies = policies;
        this.tokens = tokens;
        this.identity = identity;
        this.flavor = flavour == Flavour.OPENBAO ? Acl.Flavor.OPENBAO : Acl.Flavor.VAULT;
        this.probe = probe;
    }

    /**
     * Turns the check on or off. Off, every valid token may call every path, as before the emulator
     * enforced policies; policies stay stored and {@code sys/capabilities*} still answer from them.
     */
    void enforce(boolean on) {
        this.enforced = on;
    }

    boolean enforced() {
        return enforced;
    }

    /**
     * The 403 for a request the token's policies do not allow; null when it may go on.
     *
     * @param wrapTtl the TTL asked for with {@code X-Vault-Wrap-TTL}, or null
     */
    EmulatorResponse check(EmulatorRequest request, Duration wrapTtl) {
        if (!enforced || request.token().isEmpty() || request.token().get().root()) {
            return null;
        }
        TokenStore.Token token =
                tokens.byAccessor(request.token().get().accessor()).orElse(null);
        if (token == null) {
            return denied();
        }
        Acl acl;
        try {
            acl = aclOf(token);
        } catch (IllegalArgumentException e) {
            // Vault refuses to build an ACL mixing root with other policies and fails the request.
            return EmulatorResponse.error(500, GoText.multiError(e.getMessage()));
        }
        String path = request.path();
        Operation op = operation(request);
        // Vault's HTTP layer gives LIST requests a trailing slash, and the ACL sees it.
        String aclPath = op == Operation.LIST ? path + "/" : path;
        Map<String, ?> params = op == Operation.READ ? request.query() : request.body();
        AclResult result = acl.allowed(op, aclPath, params, wrapTtl);
        if (!result.allowed() || (SUDO.matcher(path).matches() && !result.sudo())) {
            return denied();
        }
        return null;
    }

    /**
     * The TTL of an {@code X-Vault-Wrap-TTL} header (seconds or a Go duration), for
     * {@code min/max_wrapping_ttl}; null when absent or unreadable.
     */
    static Duration wrapTtl(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Fields.durationSeconds(Map.of("ttl", header.strip()), "ttl")
                    .map(Duration::ofSeconds)
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static EmulatorResponse denied() {
        return EmulatorResponse.error(403, GoText.multiError(PERMISSION_DENIED));
    }

    private Operation operation(EmulatorRequest request) {
        return switch (request.method()) {
            case "GET" -> Operation.READ;
            case "LIST" -> Operation.LIST;
            case "DELETE" -> Operation.DELETE;
            case "PATCH" -> Operation.PATCH;
            default ->
                EXISTENCE_CHECKED.matcher(request.path()).matches() && !exists(request)
                        ? Operation.CREATE
                        : Operation.UPDATE;
        };
    }

    /** Vault's existence check, answered by reading the path as the same caller. */
    private boolean exists(EmulatorRequest request) {
        EmulatorResponse r =
                probe.apply(new EmulatorRequest("GET", request.path(), Map.of(), Map.of(), request.token()));
        return r.status() == 200;
    }

    /** The ACL of {@code token}: its policies plus its entity's and groups' (see class doc). */
    Acl aclOf(TokenStore.Token token) {
        if (token.root()) {
            return Acl.of(List.of(policies.get(Policy.ROOT).orElseThrow()), null, flavor);
        }
        List<String> names = new ArrayList<>(token.policies());
        IdentityStore.Entity entity = token.entityId() == null ? null : identity.entities.get(token.entityId());
        TemplateIdentity template = null;
        if (entity != null) {
            if (entity.policies != null) {
                names.addAll(entity.policies);
            }
            List<IdentityStore.Group> groups = new ArrayList<>(identity.directGroups(entity.id));
            groups.addAll(identity.inheritedGroups(List.copyOf(groups)));
            for (IdentityStore.Group g : groups) {
                if (g.policies != null) {
                    names.addAll(g.policies);
                }
            }
            template = new TemplateIdentity(
                    entity.id,
                    entity.name,
                    entity.metadata,
                    identity.aliasesOf(entity.id).stream()
                            .map(a -> new TemplateIdentity.Alias(
                                    a.mountAccessor, a.id, a.name, a.metadata, a.customMetadata))
                            .toList(),
                    groups.stream()
                            .map(g -> new TemplateIdentity.Group(g.id, g.name, g.metadata))
                            .toList());
        }
        // Names without a stored policy are skipped, as Vault skips them.
        List<Policy> found = names.stream()
                .map(PolicyStore::normalize)
                .distinct()
                .map(policies::get)
                .flatMap(Optional::stream)
                .toList();
        return Acl.of(found, template, flavor);
    }
}
