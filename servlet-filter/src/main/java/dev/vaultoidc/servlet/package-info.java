/**
 * A Jakarta Servlet filter that authenticates requests bearing Vault-issued ID tokens.
 */
package dev.vaultoidc.servlet;
