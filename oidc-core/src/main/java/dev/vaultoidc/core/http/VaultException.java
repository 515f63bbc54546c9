package dev.vaultoidc.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A failed Vault operation. Carries a typed {@link #reason()}, the HTTP status (0 when no response
 * arrived), Vault's {@code errors} list, and the request's method and path.
 *
 * <p>The path never includes the query string, and nothing in this exception contains a token,
 * secret_id or JWT: request bodies and headers are never copied into it.
 *
 * <p>Not final: domain layers may subclass it (e.g. a merge-conflict exception exposing
 * {@link #data()} as typed values) using {@link #VaultException(VaultException)}.
 */
public class VaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final VaultErrorReason reason;
    private final int status;
    private final List<String> errors;
    private final String method;
    private final String path;
    private final transient JsonNode data;

    /**
     * Creates an exception.
     *
     * @param reason  why the operation failed
     * @param status  the HTTP status, or 0 when no response was received
     * @param errors  Vault's {@code errors} list (null becomes empty)
     * @param method  the HTTP method, e.g. {@code GET} or {@code LIST}
     * @param path    the Vault path without {@code /v1/} and without query string
     * @param data    the {@code data} of an error-with-data body (spec §1.7), else null
     * @param message an extra human-readable detail, or null; must not contain secrets
     * @param cause   the underlying exception, or null
     */
    public VaultException(
            VaultErrorReason reason,
            int status,
            List<String> errors,
            String method,
            String path,
            JsonNode data,
            String message,
            Throwable cause) {
        super(describe(reason, status, errors, method, path, message), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.method = method;
        this.path = path;
        this.data = data;
    }

    /** Wraps another exception, keeping all its fields; for subclasses that add typed detail. */
    public VaultException(VaultException other) {
        this(other.reason, other.status, other.errors, other.method, other.path, other.data, null, other);
    }

    /** Why the operation failed. */
    public VaultErrorReason reason() {
        return reason;
    }

    /** The HTTP status, or 0 when no response was received (timeout, connection failure). */
    public int status() {
        return status;
    }

    /** Vault's {@code errors} list; empty, never null. Match on {@link #reason()}, not on this text. */
    public List<String> errors() {
        return errors;
    }

    /** The HTTP method of the failed request. */
    public String method() {
        return method;
    }

    /** The Vault path of the failed request, relative to {@code /v1/}, without query string. */
    public String path() {
        return path;
    }

    /** The {@code data} of an error-with-data body (spec §1.7), or null. */
    public JsonNode data() {
        return data;
    }

    private static String describe(
            VaultErrorReason reason, int status, List<String> errors, String method, String path, String message) {
        StringBuilder sb = new StringBuilder().append(reason);
        if (status != 0) {
            sb.append(" (HTTP ").append(status).append(')');
        }
        if (method != null || path != null) {
            sb.append(" on ").append(method).append(' ').append(path);
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (errors != null && !errors.isEmpty()) {
            // Vault wraps Go errors in multierror text with newlines and tabs (spec §1.7); flatten it.
            sb.append(": ")
                    .append(String.join("; ", errors).replaceAll("\\s+", " ").trim());
        }
        return sb.toString();
    }
}
