/**
 * Command-line tool to verify and decode Vault-issued ID tokens.
 */
package dev.vaultoidc.cli;
