/**
 * Vault HTTP client, authentication, identity administration, ID-token issuance and local token verification.
 */
package dev.vaultoidc.core;
