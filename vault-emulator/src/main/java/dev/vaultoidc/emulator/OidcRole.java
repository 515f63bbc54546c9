package dev.vaultoidc.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An OIDC role (spec §7.5): which key signs its tokens, their ttl, template and audience. */
record OidcRole(String name, String key, String template, long ttlSeconds, String clientId) {

    /** The GET representation; Go sorts the map keys. */
    Map<String, Object> describe() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("client_id", clientId);
        data.put("key", key);
        data.put("template", template);
        data.put("ttl", ttlSeconds);
        return data;
    }
}
