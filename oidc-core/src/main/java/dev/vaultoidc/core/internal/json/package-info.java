/**
 * Internal: the shared Jackson mapper for Vault's JSON. Not API; see
 * {@link dev.vaultoidc.core.internal}.
 */
package dev.vaultoidc.core.internal.json;
