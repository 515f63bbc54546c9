/**
 * Typed administration of Vault's identity secrets engine (entities, entity aliases, groups, group
 * aliases, lookup), entered through {@code VaultClient.identity()} → {@link
 * dev.vaultoidc.core.identity.IdentityOperations}.
 *
 * <p>Conventions: absent objects and lookups that find nothing are {@link java.util.Optional#empty()};
 * empty lists are empty lists; records never hold null lists or maps; write requests send only the
 * fields the caller set; failures are {@link dev.vaultoidc.core.http.VaultException}s with a typed
 * reason.
 */
package dev.vaultoidc.core.identity;
