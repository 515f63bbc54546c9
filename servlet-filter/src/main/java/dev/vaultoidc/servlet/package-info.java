/**
 * A Jakarta Servlet filter that authenticates requests bearing Vault-issued ID tokens: {@link
 * dev.vaultoidc.servlet.VaultOidcFilter} (RFC 6750 bearer tokens and error answers) and the principal it exposes,
 * {@link dev.vaultoidc.servlet.VaultOidcPrincipal}. See {@code docs/servlet-filter.md}.
 */
package dev.vaultoidc.servlet;
