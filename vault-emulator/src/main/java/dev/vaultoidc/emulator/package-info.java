/**
 * An in-memory emulator of Vault's identity secrets engine and the auth surface it needs.
 *
 * <p>Entry points: {@link dev.vaultoidc.emulator.VaultEmulator} (programmatic),
 * {@link dev.vaultoidc.emulator.VaultEmulatorExtension} (JUnit 5) and
 * {@link dev.vaultoidc.emulator.VaultEmulatorMain} (standalone server).
 *
 * <p>What it is not: there is no ACL engine (any valid token may call any path; policies are
 * stored and reported, never enforced), only the root namespace exists, and nothing is persisted.
 * See {@code docs/emulator.md}.
 */
package dev.vaultoidc.emulator;
