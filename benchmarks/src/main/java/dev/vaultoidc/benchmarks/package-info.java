/**
 * JMH benchmarks of vault-oidc against peer libraries.
 */
package dev.vaultoidc.benchmarks;
