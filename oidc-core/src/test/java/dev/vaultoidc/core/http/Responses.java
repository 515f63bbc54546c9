package dev.vaultoidc.core.http;

import mockwebserver3.MockResponse;

/** MockWebServer responses shaped like Vault's (spec §1.5–1.7). */
public final class Responses {
    private Responses() {}

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public static MockResponse envelope(String dataJson) {
        return json(
                200,
                "{\"request_id\":\"req-1\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0," + "\"data\":"
                        + dataJson
                        + ",\"wrap_info\":null,\"warnings\":null,\"auth\":null,\"mount_type\":\"identity\"}");
    }

    public static MockResponse errors(int code, String... messages) {
        StringBuilder sb = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < messages.length; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(messages[i].replace("\n", "\\n").replace("\t", "\\t"))
                    .append('"');
        }
        return json(code, sb.append("]}").toString());
    }

    public static MockResponse noContent() {
        return new MockResponse.Builder()
                .code(204)
                .setHeader("Content-Type", "application/json")
                .build();
    }

    public static MockResponse login(String token, long ttl, boolean renewable) {
        return json(
                200,
                "{\"request_id\":\"r\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,\"data\":null,"
                        + "\"warnings\":null,\"auth\":{\"client_token\":\"" + token
                        + "\",\"accessor\":\"acc\",\"policies\":[\"default\"],"
                        + "\"lease_duration\":" + ttl + ",\"renewable\":" + renewable + "}}");
    }
}
