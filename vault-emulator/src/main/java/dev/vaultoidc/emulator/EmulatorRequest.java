package dev.vaultoidc.emulator;

import java.util.Map;
import java.util.Optional;

/**
 * One logical request as Vault's HTTP layer hands it to a backend (spec §1.3): the verb is already
 * normalised ({@code GET ?list=true} and the {@code LIST} verb both arrive as {@code "LIST"};
 * {@code PUT} arrives as {@code "POST"}), the path has neither the {@code /v1/} prefix nor a leading
 * or trailing slash, and the body is the parsed JSON object (empty when none was sent).
 *
 * @param method      {@code GET}, {@code POST}, {@code DELETE} or {@code LIST}
 * @param path        e.g. {@code identity/oidc/key/k1}
 * @param query       query parameters other than {@code list}
 * @param body        the parsed JSON body; {@code null} JSON values are kept as {@code null} entries
 *                    because Vault counts them as supplied (spec §1.4)
 * @param token       the calling token, when one was sent and is valid
 * @param headers     the request headers a backend may read, lower-cased: {@code authorization}
 *                    (the identity mount's passthrough header, spec §9.1) and {@code x-vault-token};
 *                    the OIDC provider's token and userinfo endpoints need them
 */
record EmulatorRequest(
        String method,
        String path,
        Map<String, String> query,
        Map<String, Object> body,
        Optional<CallerToken> token,
        Map<String, String> headers) {

    EmulatorRequest {
        query = query == null ? Map.of() : query;
        body = body == null ? Map.of() : body;
        token = token == null ? Optional.empty() : token;
        headers = headers == null ? Map.of() : headers;
    }

    /** A request without passthrough headers. */
    EmulatorRequest(
            String method,
            String path,
            Map<String, String> query,
            Map<String, Object> body,
            Optional<CallerToken> token) {
        this(method, path, query, body, token, Map.of());
    }

    /** The entity the calling token belongs to; a root token has none (spec §7.6). */
    Optional<String> entityId() {
        return token.flatMap(CallerToken::entityId);
    }

    /** What a backend may know about the token that made the request. */
    record CallerToken(String accessor, Optional<String> entityId, boolean root) {}
}
