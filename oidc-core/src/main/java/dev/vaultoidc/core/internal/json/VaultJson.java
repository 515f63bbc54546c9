package dev.vaultoidc.core.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The shared, configured Jackson {@link ObjectMapper} of oidc-core's HTTP layer and typed admin API.
 * Internal: an {@code ObjectMapper} is mutable, so a shared one must not be handed to applications;
 * they configure their own.
 *
 * <p>Configuration: unknown properties are ignored (Vault adds fields between versions, spec §1.5),
 * {@code java.time} types are supported and written as ISO-8601 strings, and {@code null} fields are
 * not serialised, so a write request only carries the fields the caller supplied and never clobbers
 * the others.
 *
 * <p>The returned instance is shared and thread-safe; never reconfigure it.
 */
public final class VaultJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private VaultJson() {}

    /** Returns the shared mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
