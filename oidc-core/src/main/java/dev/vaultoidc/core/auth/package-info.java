/**
 * How a client authenticates to Vault: {@link dev.vaultoidc.core.auth.VaultAuth} (static token,
 * token file, AppRole, Kubernetes, JWT, a token owned by another component). Each method owns its behaviour (how it logs in, whether a
 * rejected token can be replaced, whether its source is re-read); the client's internal token session
 * logs in, renews and replaces tokens through those hooks.
 * Credentials never appear in logs, exception messages or {@code toString()}.
 */
package dev.vaultoidc.core.auth;
