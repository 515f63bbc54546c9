/**
 * Internal: the live token session and the hooks ({@link dev.vaultoidc.core.internal.auth.LoginMethod})
 * through which each {@code VaultAuth} method decides how its tokens are obtained, replaced and renewed. Not API; see
 * {@link dev.vaultoidc.core.internal}.
 */
package dev.vaultoidc.core.internal.auth;
