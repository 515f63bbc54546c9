package dev.vaultoidc.core.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.internal.json.VaultJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Vault's standard response envelope (spec §1.5).
 *
 * @param requestId     Vault's request id, or null
 * @param leaseId       the lease id ({@code ""} when there is no lease)
 * @param renewable     whether the lease is renewable
 * @param leaseDuration the lease duration in seconds
 * @param data          the {@code data} object, or null when absent or JSON null
 * @param warnings      Vault's warnings; empty, never null
 * @param auth          the {@code auth} block of a login or token response, or null
 * @param mountType     the mount type (absent in older Vault versions), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VaultResponse(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("lease_id") String leaseId,
        @JsonProperty("renewable") boolean renewable,
        @JsonProperty("lease_duration") long leaseDuration,
        @JsonProperty("data") JsonNode data,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("auth") JsonNode auth,
        @JsonProperty("mount_type") String mountType) {

    /** Normalises JSON nulls so callers never see {@code NullNode} or a null list. */
    public VaultResponse {
        data = data == null || data.isNull() || data.isMissingNode() ? null : data;
        auth = auth == null || auth.isNull() || auth.isMissingNode() ? null : auth;
        warnings = warnings == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    /**
     * The {@code data.keys} of a list response; empty when there are none (Vault's 404 on an empty
     * list, spec §1.8, is turned into such a response).
     */
    public List<String> keys() {
        if (data == null || !data.path("keys").isArray()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        data.get("keys").forEach(k -> keys.add(k.asText()));
        return Collections.unmodifiableList(keys);
    }

    /**
     * Converts {@link #data()} to {@code type}, ignoring unknown fields.
     *
     * @return the converted value, or null when there is no data
     * @throws VaultException with {@link VaultErrorReason#MALFORMED_RESPONSE} if the data does not fit
     */
    public <T> T dataAs(Class<T> type) {
        return convert(() -> VaultJson.mapper().treeToValue(data, type), type.getSimpleName());
    }

    /** Like {@link #dataAs(Class)}, for generic types such as {@code Map<String, Foo>}. */
    public <T> T dataAs(TypeReference<T> type) {
        return convert(
                () -> VaultJson.mapper().treeToValue(data, VaultJson.mapper().constructType(type)),
                type.getType().getTypeName());
    }

    /**
     * Redacted: {@code data} and {@code auth} can hold a client token, an accessor, a secret_id or an ID token
     * (a login, a secret_id or an ID-token response), so only their field names are shown, never a value.
     */
    @Override
    public String toString() {
        return "VaultResponse[requestId=" + requestId + ", leaseId="
                + (leaseId == null || leaseId.isEmpty() ? leaseId : "<redacted>") + ", renewable=" + renewable
                + ", leaseDuration=" + leaseDuration
                + ", data=" + fieldNames(data) + ", warnings=" + warnings.size() + ", auth=" + fieldNames(auth)
                + ", mountType=" + mountType + "]";
    }

    private static String fieldNames(JsonNode node) {
        if (node == null) {
            return "null";
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return "<redacted>" + names;
    }

    private interface Conversion<T> {
        T run() throws JsonProcessingException;
    }

    private <T> T convert(Conversion<T> conversion, String typeName) {
        if (data == null) {
            return null;
        }
        try {
            return conversion.run();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The message names the target type only: Jackson's own message can quote field values.
            throw new VaultException(
                    VaultErrorReason.MALFORMED_RESPONSE,
                    0,
                    List.of(),
                    null,
                    null,
                    null,
                    "response data does not fit " + typeName,
                    null);
        }
    }
}
