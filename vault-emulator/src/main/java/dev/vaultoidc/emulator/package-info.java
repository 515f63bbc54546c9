/**
 * An in-memory emulator of Vault's identity secrets engine and the auth surface it needs.
 *
 * <p>Entry points: {@link dev.vaultoidc.emulator.VaultEmulator} (programmatic),
 * {@link dev.vaultoidc.emulator.VaultEmulatorExtension} (JUnit 5) and
 * {@link dev.vaultoidc.emulator.VaultEmulatorMain} (standalone server).
 *
 * <p>ACL policies are stored ({@code sys/policy}, {@code sys/policies/acl}) and enforced on every
 * request, as on a real server: a token may do what its own, its entity's and its groups' policies
 * allow, and gets 403 {@code permission denied} otherwise ({@code AclEnforcer}, the engine in
 * {@link dev.vaultoidc.emulator.acl}). {@link dev.vaultoidc.emulator.VaultEmulator.Builder#aclEnforcement(boolean)},
 * {@code @VaultEmulatorConfig(aclEnforcement = false)} and {@code --no-acl} turn enforcement off.
 *
 * <p>What it is not: only the root namespace exists, and nothing is persisted. See
 * {@code docs/emulator.md} and {@code docs/emulator-acl.md}.
 */
package dev.vaultoidc.emulator;
