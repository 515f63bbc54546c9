package dev.vaultoidc.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Generic operations on any Vault path: the escape hatch under the typed APIs. Obtain one from
 * {@code VaultClient.logical()}. Thread-safe.
 *
 * <p>Paths are relative to {@code /v1/} (e.g. {@code identity/entity/id/1234}); a leading {@code /}
 * is ignored. Paths appear in exceptions and debug logs, so never put a secret in a path: send it
 * in the body.
 *
 * <p>Every method throws {@link VaultException} on failure, with a {@link VaultErrorReason}.
 *
 * <h2>Retries</h2>
 * Reads, lists and deletes are retried on 429/500/502/503/504, timeouts and connection failures
 * (see {@link RetryPolicy}). Writes are retried on those only when marked idempotent with
 * {@link #write(String, Object, boolean)}; other writes are retried only when Vault provably did not
 * process them (429, 503, connection refused). Writes that are idempotent by Vault's semantics,
 * i.e. repeating them leaves Vault in the same state and returns an equivalent answer:
 * <ul>
 *   <li>updates addressed by id or name: {@code identity/entity/id/:id},
 *       {@code identity/entity/name/:name}, {@code identity/group/id/:id},
 *       {@code identity/group/name/:name}, {@code identity/entity-alias/id/:id},
 *       {@code identity/group-alias/id/:id};</li>
 *   <li>configuration writes: {@code identity/oidc/config}, {@code identity/oidc/key/:name},
 *       {@code identity/oidc/role/:name}, {@code identity/oidc/key/:name/...} except rotate;</li>
 *   <li>read-like POSTs: {@code identity/lookup/entity}, {@code identity/lookup/group},
 *       {@code identity/oidc/introspect}, {@code identity/oidc/token/:role} (a repeat issues another
 *       token, which is harmless), {@code identity/entity/batch-delete},
 *       {@code auth/token/renew-self}.</li>
 * </ul>
 * Not idempotent: creates without id or name ({@code identity/entity}, {@code identity/group},
 * {@code identity/entity-alias}, {@code identity/group-alias}, which would create duplicates or fail
 * the second time), {@code identity/entity/merge}, {@code identity/oidc/key/:name/rotate}, and
 * AppRole login (a secret_id may have a bounded number of uses).
 */
public interface VaultOperations {

    /**
     * Reads a path ({@code GET}).
     *
     * @return the response, or empty when Vault answers 404 with no error messages (the object does
     *     not exist) or 204
     * @throws VaultException on any other failure; a 404 with messages (e.g. "unsupported path") is
     *     {@link VaultErrorReason#NOT_FOUND}
     */
    Optional<VaultResponse> read(String path);

    /** Reads a path with query parameters (URL-encoded; not included in exceptions or logs). */
    Optional<VaultResponse> read(String path, Map<String, String> query);

    /**
     * Writes a JSON body ({@code POST}); not retried on ambiguous failures.
     *
     * @param body any value Jackson can serialise (record, map, {@link JsonNode}); null sends {@code {}}
     * @return the response, or empty on 204 or an empty body
     */
    Optional<VaultResponse> write(String path, Object body);

    /**
     * Writes a JSON body; when {@code idempotent} is true it is retried like a read. Only pass true
     * for operations idempotent by Vault's semantics (listed in the type's Javadoc).
     */
    Optional<VaultResponse> write(String path, Object body, boolean idempotent);

    /**
     * Lists keys under a path ({@code LIST}, or {@code GET ?list=true} per {@link ListMode}).
     *
     * @return the response; when Vault answers 404 with no messages (its answer for an empty list,
     *     spec §1.8) a response whose {@link VaultResponse#keys()} is empty
     */
    VaultResponse list(String path);

    /**
     * Lists keys under a path with the given {@link ListMode} for this call only, overriding the
     * client's default (like hvac's {@code method="GET"}).
     */
    VaultResponse list(String path, ListMode mode);

    /** Deletes a path ({@code DELETE}). Deleting something absent is not an error. */
    void delete(String path);

    /**
     * Reads a document served without the envelope (spec §1.5), e.g.
     * {@code identity/oidc/.well-known/openid-configuration} or {@code identity/oidc/.well-known/keys}.
     *
     * @throws VaultException {@link VaultErrorReason#NOT_FOUND} on 404,
     *     {@link VaultErrorReason#MALFORMED_RESPONSE} if the body is not JSON
     */
    JsonNode readRaw(String path);

    /**
     * Writes a JSON body and returns the raw JSON answer (e.g. {@code identity/oidc/introspect}).
     * Retried like a read: use it only for idempotent endpoints.
     */
    JsonNode writeRaw(String path, Object body);
}
