package dev.vaultoidc.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.internal.auth.TokenState;
import dev.vaultoidc.core.internal.json.VaultJson;
import dev.vaultoidc.core.oidc.IdToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 10: every type that can carry a login response, a secret_id response, wrapping info or a token
 * redacts it in {@code toString()}. Each is built from real Vault response bodies (spec §1.5, AppRole login,
 * secret_id generation, a wrapped response) and checked for every secret value in them.
 */
class SecretCarrierToStringTest {
    static final String CLIENT_TOKEN = "hvs.CAESIJ4r9n7Vq2xLoginToken";
    static final String ACCESSOR = "accessor-5t2wq9";
    static final String SECRET_ID = "7b1c5a0e-2f4d-4c6b-9e8a-secretidval";
    static final String SECRET_ID_ACCESSOR = "9f0e1d2c-sid-accessor";
    static final String WRAP_TOKEN = "hvs.CAESIWrappingTokenValue77";
    static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    static final List<String> SECRETS =
            List.of(CLIENT_TOKEN, ACCESSOR, SECRET_ID, SECRET_ID_ACCESSOR, WRAP_TOKEN, ID_TOKEN);

    static final String LOGIN = """
            {"request_id":"r1","lease_id":"","renewable":false,"lease_duration":0,"data":null,"warnings":null,
             "auth":{"client_token":"%s","accessor":"%s","policies":["default"],"token_policies":["default"],
             "metadata":{"role_name":"app"},"lease_duration":1200,"renewable":true,"entity_id":"e-1",
             "token_type":"service","orphan":true}}""".formatted(CLIENT_TOKEN, ACCESSOR);
    static final String SECRET_ID_RESPONSE = """
            {"request_id":"r2","lease_id":"","renewable":false,"lease_duration":0,
             "data":{"secret_id":"%s","secret_id_accessor":"%s","secret_id_ttl":600,"secret_id_num_uses":1},
             "warnings":null,"auth":null}""".formatted(SECRET_ID, SECRET_ID_ACCESSOR);
    static final String WRAPPED = """
            {"request_id":"","lease_id":"","renewable":false,"lease_duration":0,"data":null,"warnings":null,
             "wrap_info":{"token":"%s","accessor":"%s","ttl":300,"creation_time":"2026-11-22T12:00:00Z",
             "creation_path":"auth/approle/role/app/secret-id"},"auth":null}""".formatted(WRAP_TOKEN, ACCESSOR);
    static final String ID_TOKEN_RESPONSE = """
            {"request_id":"r4","lease_id":"","renewable":false,"lease_duration":0,
             "data":{"client_id":"c1","token":"%s","ttl":3600},"warnings":null,"auth":null}""".formatted(ID_TOKEN);

    private static VaultResponse parse(String json) throws Exception {
        return VaultJson.mapper().readValue(json, VaultResponse.class);
    }

    @Test
    void everySecretCarryingTypeRedactsItsToString() throws Exception {
        Map<String, Supplier<Object>> carriers = new java.util.LinkedHashMap<>();
        VaultResponse login = parse(LOGIN);
        VaultResponse secretId = parse(SECRET_ID_RESPONSE);
        VaultResponse wrapped = parse(WRAPPED);
        VaultResponse idToken = parse(ID_TOKEN_RESPONSE);
        // The values are really there, so a redaction cannot pass by accident.
        assertThat(login.auth().path("client_token").asText()).isEqualTo(CLIENT_TOKEN);
        assertThat(secretId.data().path("secret_id").asText()).isEqualTo(SECRET_ID);
        carriers.put("VaultResponse(login)", () -> login);
        carriers.put("VaultResponse(secret_id)", () -> secretId);
        carriers.put("VaultResponse(wrapped)", () -> wrapped);
        carriers.put("VaultResponse(id token)", () -> idToken);
        carriers.put(
                "IdToken",
                () -> new IdToken(
                        ID_TOKEN,
                        "c1",
                        Duration.ofHours(1),
                        List.of(),
                        Instant.EPOCH,
                        Instant.EPOCH.plusSeconds(3600)));
        carriers.put(
                "TokenState", () -> new TokenState(CLIENT_TOKEN, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), true));
        for (Map.Entry<String, Supplier<Object>> c : carriers.entrySet()) {
            String text = c.getValue().get().toString();
            for (String secret : SECRETS) {
                assertThat(text).as(c.getKey()).doesNotContain(secret);
            }
        }
        // What is safe stays visible for debugging.
        assertThat(login.toString()).contains("r1").contains("client_token").contains("<redacted>");
        assertThat(secretId.toString()).contains("secret_id_ttl");
    }
}
