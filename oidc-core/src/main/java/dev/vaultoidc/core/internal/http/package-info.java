/**
 * Internal: the OkHttp transport behind {@code VaultOperations} (base URL, namespace header,
 * retries, list mode). Not API; see
 * {@link dev.vaultoidc.core.internal}.
 */
package dev.vaultoidc.core.internal.http;
