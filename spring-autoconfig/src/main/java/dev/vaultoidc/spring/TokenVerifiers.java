package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.VaultTls;
import dev.vaultoidc.core.verify.SignatureProvider;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerificationListener;
import java.time.Duration;
import java.util.List;

/** Builds the {@link TokenVerifier} from {@link VaultOidcProperties}, naming the property behind any error. */
final class TokenVerifiers {
    private TokenVerifiers() {}

    static TokenVerifier build(VaultOidcProperties p, List<VerificationListener> listeners, VaultClient vault) {
        TokenVerifier.Builder b = TokenVerifier.builder();
        if (VaultClients.hasText(p.getIssuerUri())) {
            String issuer = PropertyChecks.requireHttpUrl("issuer-uri", p.getIssuerUri());
            PropertyChecks.apply("issuer-uri", issuer, () -> b.issuer(issuer));
        } else if (VaultClients.hasText(p.getAddress())) {
            String address = PropertyChecks.requireHttpUrl("address", p.getAddress());
            if (VaultClients.hasText(p.getProvider())) {
                String provider = p.getProvider().strip();
                PropertyChecks.apply("provider", provider, () -> b.vaultProvider(address, provider));
            } else {
                PropertyChecks.apply("address", address, () -> b.vaultAddress(address));
            }
            if (VaultClients.hasText(p.getNamespace())) {
                PropertyChecks.apply("namespace", p.getNamespace(), () -> b.namespace(p.getNamespace()));
            }
        } else {
            throw PropertyChecks.missing(
                    "issuer-uri", "set vault.oidc.issuer-uri (or vault.oidc.address) to verify tokens");
        }
        List<String> audiences = p.getAudiences().stream()
                .filter(VaultClients::hasText)
                .map(String::strip)
                .toList();
        if (audiences.isEmpty()) {
            throw PropertyChecks.missing(
                    "audiences",
                    "at least one audience (the client_id of an accepted Vault "
                            + "OIDC role) is required; without one, tokens of every role would be accepted");
        }
        b.audiences(audiences.toArray(String[]::new));
        if (!p.getJwsAlgorithms().isEmpty()) {
            PropertyChecks.apply(
                    "jws-algorithms",
                    p.getJwsAlgorithms(),
                    () -> b.algorithms(p.getJwsAlgorithms().toArray(String[]::new)));
        }
        PropertyChecks.apply("clock-skew", p.getClockSkew(), () -> b.clockSkew(p.getClockSkew()));
        PropertyChecks.apply("max-token-size", p.getMaxTokenSize(), () -> b.maxTokenSize(p.getMaxTokenSize()));
        PropertyChecks.apply(
                "signature-provider", p.getSignatureProvider(), () -> b.signatureProvider(p.getSignatureProvider()));
        VaultOidcProperties.Jwks j = p.getJwks();
        PropertyChecks.apply("jwks.max-ttl", j.getMaxTtl(), () -> b.jwksTtlRange(j.getMinTtl(), j.getMaxTtl()));
        PropertyChecks.apply("jwks.fallback-ttl", j.getFallbackTtl(), () -> b.jwksFallbackTtl(j.getFallbackTtl()));
        PropertyChecks.apply("jwks.refresh-ahead", j.getRefreshAhead(), () -> b.refreshAhead(j.getRefreshAhead()));
        PropertyChecks.apply("jwks.max-staleness", j.getMaxStaleness(), () -> b.maxStaleness(j.getMaxStaleness()));
        PropertyChecks.apply("jwks.retry-interval", j.getRetryInterval(), () -> b.retryInterval(j.getRetryInterval()));
        PropertyChecks.apply(
                "jwks.unknown-kid-refresh-interval",
                j.getUnknownKidRefreshInterval(),
                () -> b.unknownKidRefreshInterval(j.getUnknownKidRefreshInterval()));
        PropertyChecks.apply("jwks.fetch-wait", j.getFetchWait(), () -> b.fetchWait(j.getFetchWait()));
        PropertyChecks.apply("jwks.http-timeout", j.getHttpTimeout(), () -> b.httpTimeout(j.getHttpTimeout()));
        PropertyChecks.apply(
                "jwks.max-size",
                j.getMaxSize(),
                () -> b.maxResponseBytes(Math.toIntExact(Math.min(j.getMaxSize().toBytes(), Integer.MAX_VALUE))));
        VaultTls tls = VaultClients.tls(p.getTls());
        if (tls != null) {
            b.tls(tls); // on the verifier's own client: its timeouts and no-redirect policy stay
        }
        long cacheSize = p.getTokenCache().getMaximumSize();
        PropertyChecks.apply("token-cache.maximum-size", cacheSize, () -> b.tokenCacheSize(cacheSize));
        if (p.getIntrospection().isEnabled()) {
            if (vault == null) {
                throw PropertyChecks.missing(
                        "address",
                        "vault.oidc.introspection.enabled needs a VaultClient: "
                                + "set vault.oidc.address and a login with permission on identity/oidc/introspect");
            }
            Duration ttl = p.getIntrospection().getCacheTtl();
            PropertyChecks.apply(
                    "introspection.cache-ttl",
                    ttl,
                    () -> b.introspector(vault.identity().oidc().introspector(), ttl));
        }
        if (!listeners.isEmpty()) {
            b.listener(VerificationListener.composite(listeners));
        }
        boolean provider = !VaultClients.hasText(p.getIssuerUri()) && VaultClients.hasText(p.getProvider());
        java.util.function.Supplier<TokenVerifier> build = () -> {
            try {
                return b.build();
            } catch (SignatureProvider.UnavailableException e) {
                // signature-provider: native without a usable ACCP; the message says why (absent, platform, self-test).
                throw PropertyChecks.invalid("signature-provider", p.getSignatureProvider(), e.getMessage());
            }
        };
        // With a provider, build() fails only on what the provider adds (introspection): name that property.
        return provider
                ? PropertyChecks.apply("provider", p.getProvider(), build)
                : PropertyChecks.apply("issuer-uri", p.getIssuerUri(), build);
    }
}
