/**
 * How a client authenticates to Vault: {@link dev.vaultoidc.core.auth.VaultAuth} (static token,
 * token file, AppRole, Kubernetes, JWT) and the live, thread-safe
 * {@link dev.vaultoidc.core.auth.VaultTokenSession} that logs in, renews and replaces tokens.
 * Credentials never appear in logs, exception messages or {@code toString()}.
 */
package dev.vaultoidc.core.auth;
