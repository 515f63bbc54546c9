package dev.vaultoidc.emulator.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACL policies Vault keeps under {@code sys/policy} and {@code sys/policies/acl}, with its
 * built-ins and rules ({@code vault/policy_store.go}).
 *
 * <ul>
 *   <li>Names are trimmed and lower-cased: {@code MyPol} and {@code mypol} are one policy.
 *   <li>{@code root} always exists, has no text and can be neither written nor deleted.
 *   <li>{@code default} exists from the start with Vault's text; it can be rewritten, not deleted.
 *   <li>{@code response-wrapping} exists for wrapping tokens; it cannot be changed and is not
 *       listed.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class PolicyStore {

    /**
     * Vault's {@code default} policy: what every token may do on its own behalf (look itself up,
     * renew and revoke itself, ask its capabilities, use its cubbyhole, wrap and unwrap).
     */
    public static final String DEFAULT_POLICY_TEXT = """

      # Allow tokens to look up their own properties
      path "auth/token/lookup-self" {
          capabilities = ["read"]
      }

      # Allow tokens to renew themselves
      path "auth/token/renew-self" {
          capabilities = ["update"]
      }

      # Allow tokens to revoke themselves
      path "auth/token/revoke-self" {
          capabilities = ["update"]
      }

      # Allow a token to look up its own capabilities on a path
      path "sys/capabilities-self" {
          capabilities = ["update"]
      }

      # Allow a token to look up its own entity by id or name
      path "identity/entity/id/{{identity.entity.id}}" {
        capabilities = ["read"]
      }
      path "identity/entity/name/{{identity.entity.name}}" {
        capabilities = ["read"]
      }


      # Allow a token to look up its resultant ACL from all policies. This is useful
      # for UIs. It is an internal path because the format may change at any time
      # based on how the internal ACL features and capabilities change.
      path "sys/internal/ui/resultant-acl" {
          capabilities = ["read"]
      }

      # Allow a token to renew a lease via lease_id in the request body; old path for
      # old clients, new path for newer
      path "sys/renew" {
          capabilities = ["update"]
      }
      path "sys/leases/renew" {
          capabilities = ["update"]
      }

      # Allow looking up lease properties. This requires knowing the lease ID ahead
      # of time and does not divulge any sensitive information.
      path "sys/leases/lookup" {
          capabilities = ["update"]
      }

      # Allow a token to manage its own cubbyhole
      path "cubbyhole/*" {
          capabilities = ["create", "read", "update", "delete", "list"]
      }

      # Allow a token to wrap arbitrary values in a response-wrapping token
      path "sys/wrapping/wrap" {
          capabilities = ["update"]
      }

      # Allow a token to look up the creation time and TTL of a given
      # response-wrapping token
      path "sys/wrapping/lookup" {
          capabilities = ["update"]
      }

      # Allow a token to unwrap a response-wrapping token. This is a convenience to
      # avoid client token swapping since this is also part of the response wrapping
      # policy.
      path "sys/wrapping/unwrap" {
          capabilities = ["update"]
      }

      # Allow general purpose tools
      path "sys/tools/hash" {
          capabilities = ["update"]
      }
      path "sys/tools/hash/*" {
          capabilities = ["update"]
      }

      # Allow checking the status of a Control Group request if the user has the
      # accessor
      path "sys/control-group/request" {
          capabilities = ["update"]
      }

      # Allow a token to make requests to the Authorization Endpoint for OIDC providers.
      path "identity/oidc/provider/+/authorize" {
          capabilities = ["read", "update"]
      }
      """;

    /** Vault's {@code response-wrapping} policy, given to wrapping tokens. */
    public static final String RESPONSE_WRAPPING_POLICY_TEXT = """

      path "cubbyhole/response" {
          capabilities = ["create", "read"]
      }

      path "sys/wrapping/unwrap" {
          capabilities = ["update"]
      }
      """;

    static final String RESPONSE_WRAPPING = "response-wrapping";
    private static final Set<String> IMMUTABLE = Set.of(Policy.ROOT, RESPONSE_WRAPPING, "control-group");
    private static final Set<String> UNLISTED = Set.of(RESPONSE_WRAPPING, "control-group");

    private final ConcurrentHashMap<String, Policy> policies = new ConcurrentHashMap<>();
    private final Policy root = Policy.root();

    /** A store holding Vault's built-in policies only. */
    public PolicyStore() {
        try {
            policies.put(Policy.DEFAULT, Policy.parse(Policy.DEFAULT, DEFAULT_POLICY_TEXT));
            policies.put(RESPONSE_WRAPPING, Policy.parse(RESPONSE_WRAPPING, RESPONSE_WRAPPING_POLICY_TEXT));
        } catch (PolicyException e) {
            throw new IllegalStateException("built-in policy does not parse: " + e.getMessage(), e);
        }
    }

    /** A name as Vault stores it: trimmed and lower-cased. */
    public static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Creates or replaces a policy, as {@code PUT sys/policy/:name} does.
     *
     * @return the stored policy, under its normalized name
     * @throws PolicyException with Vault's 400 text: empty text, an immutable policy, or a policy that
     *     does not parse
     */
    public Policy put(String name, String text) throws PolicyException {
        if (text == null || text.isEmpty()) {
            throw new PolicyException("'policy' parameter not supplied or empty");
        }
        String n = normalize(name);
        if (IMMUTABLE.contains(n)) {
            throw new PolicyException("cannot update \"" + n + "\" policy");
        }
        Policy p = Policy.parse(n, text);
        policies.put(n, p);
        return p;
    }

    /** The policy with this name (any case); {@code root} is always there, with empty text. */
    public Optional<Policy> get(String name) {
        String n = normalize(name);
        return n.equals(Policy.ROOT) ? Optional.of(root) : Optional.ofNullable(policies.get(n));
    }

    /**
     * The names {@code sys/policy} lists: stored policies sorted, then {@code root} last, as Vault
     * appends it; {@code response-wrapping} is not listed.
     */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        for (String n : policies.keySet()) {
            if (!UNLISTED.contains(n)) {
                names.add(n);
            }
        }
        names.sort(null);
        names.add(Policy.ROOT);
        return names;
    }

    /**
     * Deletes a policy; deleting one that does not exist succeeds, as in Vault.
     *
     * @throws PolicyException {@code cannot delete "root" policy} or {@code cannot delete default policy}
     */
    public void delete(String name) throws PolicyException {
        String n = normalize(name);
        if (IMMUTABLE.contains(n)) {
            throw new PolicyException("cannot delete \"" + n + "\" policy");
        }
        if (n.equals(Policy.DEFAULT)) {
            throw new PolicyException("cannot delete default policy");
        }
        policies.remove(n);
    }

    /**
     * The ACL of a token holding these policies (names in any case; names without a policy are
     * ignored, as Vault ignores them).
     *
     * @param names the token's policies, plus those of its entity and groups
     * @param identity the token's identity for templated paths, or null
     */
    public Acl acl(Collection<String> names, TemplateIdentity identity) {
        List<Policy> found = new ArrayList<>();
        for (String n : Set.copyOf(names.stream().map(PolicyStore::normalize).toList())) {
            get(n).ifPresent(found::add);
        }
        return Acl.of(found, identity);
    }
}
