package dev.vaultoidc.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Vault-shaped ID tokens (spec §7.6): the claim set {@code identity/oidc/token/:role} mints, plus a template claim. */
final class VaultTokens {
    /** A role's {@code client_id}, which Vault puts in {@code aud}. */
    static final String CLIENT_ID = "Hb7kP2qW9xZ4mN8vR3tY6uJ1aQ";

    private VaultTokens() {}

    /** The payload of one token for entity {@code sub}, valid for an hour from now. */
    static String claims(String issuer, String sub) {
        long now = Instant.now().getEpochSecond();
        return "{\"aud\":\"" + CLIENT_ID + "\",\"exp\":" + (now + 3600) + ",\"iat\":" + now
                + ",\"iss\":\"" + issuer + "\",\"namespace\":\"root\",\"sub\":\"" + sub + "\","
                + "\"groups\":[\"payments-admins\",\"readers\"]}";
    }

    /** {@code n} distinct tokens (one entity each) signed by {@code key}. */
    static List<String> mint(SigningKey key, String issuer, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(key.sign(claims(issuer, UUID.randomUUID().toString())));
        }
        return out;
    }
}
