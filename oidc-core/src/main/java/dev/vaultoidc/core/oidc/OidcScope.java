package dev.vaultoidc.core.oidc;

/**
 * An OIDC provider scope ({@code GET identity/oidc/scope/:name}, spec §9.3).
 *
 * @param name        the scope's name ({@code openid} is reserved and never a stored scope)
 * @param template    the JSON claim template as stored (Vault decodes a base64 template before storing it)
 * @param description the description, {@code ""} when unset
 */
public record OidcScope(String name, String template, String description) {}
