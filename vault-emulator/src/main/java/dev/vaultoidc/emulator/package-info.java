/**
 * An in-memory emulator of Vault's identity secrets engine and the auth surface it needs.
 */
package dev.vaultoidc.emulator;
