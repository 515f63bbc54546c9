package dev.vaultoidc.emulator.acl;

import java.util.List;

/**
 * The answer to "may this token do this": the decision, what the matching rule grants, and why a
 * request was refused.
 *
 * @param allowed whether the request passes the ACL
 * @param sudo whether the matching rule grants {@code sudo} (Vault's "root privileges"), needed on
 *     sudo-protected paths in addition to the operation's own capability; always true for root
 * @param capabilities what the token may do on the path, as {@code sys/capabilities-self} reports
 *     it: sorted names, {@code ["root"]} for the root policy, {@code ["deny"]} when nothing is granted
 * @param grantingPolicies the policies that granted the capability the operation needed (empty when
 *     refused)
 * @param denial why the request was refused; null when allowed
 * @param detail the parameter (or other specifics) the refusal is about; null when none. Never sent
 *     to clients: Vault's 403 says only "permission denied"
 */
public record AclResult(
        boolean allowed,
        boolean sudo,
        List<String> capabilities,
        List<String> grantingPolicies,
        Denial denial,
        String detail) {

    /** Why an {@link Acl} refused a request. */
    public enum Denial {
        /** No path rule of any policy matches the path. */
        NO_MATCHING_RULE,
        /** The matching rule says {@code deny}. */
        DENIED_BY_RULE,
        /** The matching rule lacks the capability the operation needs. */
        CAPABILITY_MISSING,
        /** The rule sets min/max_wrapping_ttl and the request was not wrapped within them. */
        WRAPPING_TTL,
        /** A {@code required_parameters} entry is missing from the request. */
        REQUIRED_PARAMETER_MISSING,
        /** A parameter (or value) is in {@code denied_parameters}. */
        PARAMETER_DENIED,
        /** A parameter (or value) is outside {@code allowed_parameters}. */
        PARAMETER_NOT_ALLOWED
    }

    public AclResult {
        capabilities = List.copyOf(capabilities);
        grantingPolicies = List.copyOf(grantingPolicies);
    }
}
