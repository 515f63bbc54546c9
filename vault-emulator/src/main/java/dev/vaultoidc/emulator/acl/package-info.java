/**
 * Vault's ACL policies: parsing ({@link dev.vaultoidc.emulator.acl.Policy}), the policy store with
 * its built-ins ({@link dev.vaultoidc.emulator.acl.PolicyStore}) and evaluation
 * ({@link dev.vaultoidc.emulator.acl.Acl}), following Vault's {@code vault/policy.go},
 * {@code vault/acl.go} and {@code vault/policy_store.go}.
 *
 * <p>Not emulated: Sentinel (RGP/EGP), namespaces, control groups and MFA stanzas (accepted, no
 * effect), {@code {{time.*}}} templates, Vault 1.21's element-wise matching of list parameters, and
 * OpenBao's extensions ({@code scan}, {@code pagination_limit}, {@code expiration}).
 */
package dev.vaultoidc.emulator.acl;
