/**
 * Administration of Vault's identity tokens backend ({@code identity/oidc/*}): {@link
 * dev.vaultoidc.core.oidc.OidcAdmin} for configuration, named keys, roles, token generation, introspection
 * and the {@code .well-known} documents; {@link dev.vaultoidc.core.oidc.VaultTokenIntrospector} for the
 * verifier's online check. Behaviour follows the project's spec §7; differences from hvac are in
 * {@code docs/hvac-parity-oidc.md}.
 */
package dev.vaultoidc.core.oidc;
