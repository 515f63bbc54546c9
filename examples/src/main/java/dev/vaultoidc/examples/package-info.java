/**
 * Runnable demos of vault-oidc.
 */
package dev.vaultoidc.examples;
