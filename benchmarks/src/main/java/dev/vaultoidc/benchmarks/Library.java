package dev.vaultoidc.benchmarks;

import com.auth0.jwk.JwkException;
import com.auth0.jwk.JwkProvider;
import com.auth0.jwk.JwkProviderBuilder;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.vaultoidc.core.verify.SignatureProvider;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.net.URI;
import java.net.URL;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The verifiers under comparison, each configured as its documentation suggests for "keys from a JWKS URL", with
 * the same checks as vault-oidc where the library offers them: signature with the one expected algorithm,
 * {@code iss} exact, {@code aud} contains the client id, {@code exp}/{@code iat}/{@code sub}, 60 s leeway where
 * configurable. Every one reads keys from the local {@link KeyServer} over HTTP.
 */
enum Library {
    /**
     * This library, default settings (verified-token cache of 10 000 entries), signatures by the JDK
     * ({@code SignatureProvider.JDK}: ACCP is on the benchmarks' class path, and the default would pick it).
     */
    VAULT_OIDC,
    /** This library with the verified-token cache off ({@code tokenCacheSize(0)}): every call verifies fully (JDK). */
    VAULT_OIDC_NO_CACHE,
    /** As {@link #VAULT_OIDC_NO_CACHE}, with signatures by the native provider ({@code SignatureProvider.NATIVE}). */
    VAULT_OIDC_NATIVE,
    /** Nimbus {@code DefaultJWTProcessor} + {@code JWKSourceBuilder.create(url).build()} (all defaults). */
    NIMBUS,
    /** Spring Security {@code NimbusJwtDecoder.withJwkSetUri(...)} + default validators with issuer + aud. */
    SPRING,
    /** auth0 java-jwt {@code JWTVerifier} with a key provider from jwks-rsa {@code JwkProviderBuilder} defaults. */
    AUTH0,
    /** jose4j {@code JwtConsumer} with {@code HttpsJwksVerificationKeyResolver}. */
    JOSE4J;

    /** One configured verifier; {@link #verify} throws when the token is rejected. */
    interface Check extends AutoCloseable {
        Object verify(String token) throws Exception;

        @Override
        default void close() {}
    }

    /** Whether the library can verify {@code alg} out of the box (Nimbus needs Google Tink for Ed25519; java-jwt has no EdDSA). */
    boolean supports(String alg) {
        if (this == VAULT_OIDC_NATIVE) {
            return NativeCrypto.available();
        }
        return !alg.equals("EdDSA") || this == VAULT_OIDC || this == VAULT_OIDC_NO_CACHE || this == JOSE4J;
    }

    /**
     * vault-oidc as the benchmarks configure it: the issuer, the client id as audience, one algorithm, and the
     * signature provider named explicitly (JDK or native), since the default would take ACCP from the class path.
     */
    static TokenVerifier.Builder verifierBuilder(String issuer, String alg, boolean nativeProvider) {
        return TokenVerifier.builder()
                .issuer(issuer)
                .audiences(VaultTokens.CLIENT_ID)
                .algorithms(alg)
                .signatureProvider(nativeProvider ? SignatureProvider.NATIVE : SignatureProvider.JDK);
    }

    Check create(KeyServer server, String alg, Clock clock) throws Exception {
        String iss = server.issuer();
        String jwksUri = server.jwksUri();
        switch (this) {
            case VAULT_OIDC, VAULT_OIDC_NO_CACHE, VAULT_OIDC_NATIVE -> {
                TokenVerifier v = verifierBuilder(iss, alg, this == VAULT_OIDC_NATIVE)
                        .tokenCacheSize(this == VAULT_OIDC ? 10_000 : 0)
                        .clock(clock)
                        .build();
                SignatureProvider.Status st = v.signatureStatus();
                SignatureProvider expected =
                        this == VAULT_OIDC_NATIVE ? SignatureProvider.NATIVE : SignatureProvider.JDK;
                if (st.active() != expected
                        || (expected == SignatureProvider.NATIVE
                                && !st.nativeAlgorithms().contains(alg))) {
                    throw new IllegalStateException(this + " would not measure what it says: " + st);
                }
                if (!v.warmUp().get(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("vault-oidc did not get keys: " + v.health());
                }
                return new Check() {
                    @Override
                    public Object verify(String token) throws Exception {
                        return v.verify(token);
                    }

                    @Override
                    public void close() {
                        v.close();
                    }
                };
            }
            case NIMBUS -> {
                JWKSource<SecurityContext> source =
                        JWKSourceBuilder.create(new URL(jwksUri)).build();
                DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
                p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(alg), source));
                p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                        VaultTokens.CLIENT_ID,
                        new JWTClaimsSet.Builder().issuer(iss).build(),
                        Set.of("sub", "iat", "exp")));
                return token -> p.process(token, null);
            }
            case SPRING -> {
                NimbusJwtDecoder d = NimbusJwtDecoder.withJwkSetUri(jwksUri)
                        .jwsAlgorithm(SignatureAlgorithm.from(alg))
                        .build();
                d.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                        JwtValidators.createDefaultWithIssuer(iss),
                        new JwtClaimValidator<List<String>>(
                                JwtClaimNames.AUD, aud -> aud != null && aud.contains(VaultTokens.CLIENT_ID))));
                return d::decode;
            }
            case AUTH0 -> {
                JwkProvider provider =
                        new JwkProviderBuilder(URI.create(jwksUri).toURL()).build();
                Algorithm a = alg.equals("RS256")
                        ? Algorithm.RSA256(new RSAKeyProvider() {
                            @Override
                            public RSAPublicKey getPublicKeyById(String kid) {
                                try {
                                    return (RSAPublicKey) provider.get(kid).getPublicKey();
                                } catch (JwkException e) {
                                    return null; // java-jwt then reports a signature failure
                                }
                            }

                            @Override
                            public RSAPrivateKey getPrivateKey() {
                                return null;
                            }

                            @Override
                            public String getPrivateKeyId() {
                                return null;
                            }
                        })
                        : Algorithm.ECDSA256(new ECDSAKeyProvider() {
                            @Override
                            public ECPublicKey getPublicKeyById(String kid) {
                                try {
                                    return (ECPublicKey) provider.get(kid).getPublicKey();
                                } catch (JwkException e) {
                                    return null;
                                }
                            }

                            @Override
                            public ECPrivateKey getPrivateKey() {
                                return null;
                            }

                            @Override
                            public String getPrivateKeyId() {
                                return null;
                            }
                        });
                JWTVerifier v = JWT.require(a)
                        .withIssuer(iss)
                        .withAudience(VaultTokens.CLIENT_ID)
                        .withClaimPresence("sub")
                        .acceptLeeway(60)
                        .build();
                return v::verify;
            }
            case JOSE4J -> {
                HttpsJwks jwks = new HttpsJwks(jwksUri);
                JwtConsumer c = new JwtConsumerBuilder()
                        .setRequireExpirationTime()
                        .setRequireIssuedAt()
                        .setRequireSubject()
                        .setAllowedClockSkewInSeconds(60)
                        .setExpectedIssuer(iss)
                        .setExpectedAudience(VaultTokens.CLIENT_ID)
                        .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                        .build();
                return c::processToClaims;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** The name used in result tables. */
    String label() {
        return switch (this) {
            case VAULT_OIDC -> "vault-oidc";
            case VAULT_OIDC_NO_CACHE -> "vault-oidc (token cache off)";
            case VAULT_OIDC_NATIVE -> "vault-oidc, native provider (token cache off)";
            case NIMBUS -> "Nimbus DefaultJWTProcessor";
            case SPRING -> "Spring NimbusJwtDecoder";
            case AUTH0 -> "auth0 java-jwt + jwks-rsa";
            case JOSE4J -> "jose4j JwtConsumer";
        };
    }
}
