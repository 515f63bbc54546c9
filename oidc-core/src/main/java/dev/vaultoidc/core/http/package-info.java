/**
 * Vault's HTTP layer: {@link dev.vaultoidc.core.http.VaultOperations} (generic read, write, list,
 * delete and raw operations on any path), the response envelope
 * {@link dev.vaultoidc.core.http.VaultResponse}, the typed failure
 * {@link dev.vaultoidc.core.http.VaultException} with its
 * {@link dev.vaultoidc.core.http.VaultErrorReason}, retries
 * ({@link dev.vaultoidc.core.http.RetryPolicy}) and TLS ({@link dev.vaultoidc.core.http.VaultTls}).
 * The OkHttp transport implementing them is internal.
 *
 * <p>Behaviour follows Vault's HTTP API as described in the project's spec §1: 404 with an empty
 * {@code errors} list means "absent", an empty list is a 404, error bodies are
 * {@code {"errors":[...]}}. Cross-cutting behaviour (headers, retries) lives in OkHttp
 * interceptors.
 */
package dev.vaultoidc.core.http;
