/**
 * ID tokens for workloads: {@link dev.vaultoidc.core.issue.IdTokenSupplier} (cached, refreshed ahead of
 * expiry, one Vault call at a time) and the outbound helpers {@link dev.vaultoidc.core.issue.IdTokenInterceptor}
 * (OkHttp) and {@link dev.vaultoidc.core.issue.IdTokenRequests} (JDK HttpClient), which send the token to
 * configured hosts only. See {@code docs/issuance.md}.
 */
package dev.vaultoidc.core.issue;
