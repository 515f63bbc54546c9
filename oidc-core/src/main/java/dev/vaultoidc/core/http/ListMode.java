package dev.vaultoidc.core.http;

/**
 * How list operations are sent to Vault (spec §1.3). Both are equivalent to Vault.
 */
public enum ListMode {
    /** The custom {@code LIST} HTTP verb, as Vault's own CLI sends it. The default. */
    LIST_VERB,
    /**
     * {@code GET ...?list=true}: for proxies, load balancers and WAFs that reject unknown HTTP
     * verbs.
     */
    GET_WITH_LIST_QUERY
}
