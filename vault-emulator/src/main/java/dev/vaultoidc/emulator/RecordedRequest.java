package dev.vaultoidc.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the emulator received, for tests that count calls (e.g. JWKS fetches).
 *
 * @param method  the HTTP verb as sent ({@code GET}, {@code LIST}, {@code PUT}...)
 * @param path    the logical path without {@code /v1/}, e.g. {@code identity/oidc/.well-known/keys}
 * @param query   the raw query string, or {@code null}
 * @param headers request headers, without {@code X-Vault-Token}, {@code Authorization} and
 *                {@code Cookie} (never record a secret)
 * @param status  the status sent, or {@code 0} when the connection was dropped by a fault
 * @param time    when the request arrived, by the emulator clock
 */
public record RecordedRequest(
        String method, String path, String query, Map<String, List<String>> headers, int status, Instant time) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }
}
