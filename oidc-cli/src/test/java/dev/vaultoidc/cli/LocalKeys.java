package dev.vaultoidc.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A Vault-shaped RSA key minted locally, for time-sensitive cases the CLI (on the real clock) must judge. */
final class LocalKeys {
    static final String ISSUER = "https://vault.example.com:8200/v1/identity/oidc";
    static final String CLIENT_ID = "cli-test-client";
    private static final RSAKey KEY = generate();

    private LocalKeys() {}

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("local-kid")
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public JWKS to {@code dir/jwks.json}. */
    static Path writeJwks(Path dir) throws IOException {
        return Files.writeString(dir.resolve("jwks.json"), new JWKSet(KEY.toPublicJWK()).toString());
    }

    /** A token issued at {@code iat}, expiring at {@code exp}, for {@link #CLIENT_ID}. */
    static String mint(String issuer, Instant iat, Instant exp) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("entity-1")
                .audience(CLIENT_ID)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .claim("namespace", "root")
                .claim("groups", List.of("ops"))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String valid() {
        Instant now = Instant.now();
        return mint(ISSUER, now.minusSeconds(60), now.plusSeconds(3600));
    }
}
