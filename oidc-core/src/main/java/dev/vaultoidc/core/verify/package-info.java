/**
 * Local verification of Vault-issued identity tokens.
 *
 * <p>Entry point: {@link dev.vaultoidc.core.verify.TokenVerifier#builder()}. A verifier discovers each configured
 * issuer ({@code {issuer}/.well-known/openid-configuration}, spec §7.8), caches its JWKS
 * ({@code /.well-known/keys}, spec §7.9) with Cache-Control-driven TTL, refresh-ahead, stale-if-error and a
 * rate-limited refresh on unknown {@code kid}, and verifies tokens with no network call on the hot path. Failures
 * are {@link dev.vaultoidc.core.verify.TokenVerificationException}s with a
 * {@link dev.vaultoidc.core.verify.VerificationFailure} reason. See {@code docs/verifier.md} and
 * {@code docs/security-model.md}.
 */
package dev.vaultoidc.core.verify;
