package dev.vaultoidc.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backend answers; the HTTP layer turns it into Vault's wire format (spec §1.5–§1.8).
 *
 * <ul>
 *   <li>{@link Kind#ENVELOPE}: 200 with the standard envelope around {@code data} and {@code warnings}
 *       ({@code auth} filled for logins);
 *   <li>{@link Kind#NO_CONTENT}: 204, empty body;
 *   <li>{@link Kind#ERROR}: {@code {"errors":[...]}} (plus {@code data} for the merge clash, §1.7);
 *   <li>{@link Kind#RAW}: the body is the whole document (discovery, JWKS, introspect).
 * </ul>
 */
record EmulatorResponse(
        Kind kind,
        int status,
        Object data,
        List<String> warnings,
        Object auth,
        List<String> errors,
        Map<String, String> headers) {

    enum Kind {
        ENVELOPE,
        NO_CONTENT,
        ERROR,
        RAW
    }

    EmulatorResponse {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        errors = errors == null ? List.of() : List.copyOf(errors);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** 200 with {@code data} in the envelope. */
    static EmulatorResponse data(Object data) {
        return new EmulatorResponse(Kind.ENVELOPE, 200, data, null, null, null, null);
    }

    /** 200 with {@code data} (may be null) and warnings in the envelope. */
    static EmulatorResponse data(Object data, List<String> warnings) {
        return new EmulatorResponse(Kind.ENVELOPE, 200, data, warnings, null, null, null);
    }

    /** 200 envelope carrying a login's {@code auth} block. */
    static EmulatorResponse auth(Object auth) {
        return new EmulatorResponse(Kind.ENVELOPE, 200, null, null, auth, null, null);
    }

    static EmulatorResponse noContent() {
        return new EmulatorResponse(Kind.NO_CONTENT, 204, null, null, null, null, null);
    }

    /** Vault's error body: verbatim messages, {@code {"errors":[]}} when none (404s). */
    static EmulatorResponse error(int status, String... errors) {
        return new EmulatorResponse(Kind.ERROR, status, null, null, null, List.of(errors), null);
    }

    /** 400 with both {@code errors} and {@code data} (entity merge clash, spec §2.8). */
    static EmulatorResponse errorWithData(int status, String error, Object data) {
        return new EmulatorResponse(Kind.ERROR, status, data, null, null, List.of(error), null);
    }

    static EmulatorResponse notFound() {
        return error(404);
    }

    /** A list: 200 with {@code keys} (and {@code key_info} if given), 404 when empty (spec §1.8). */
    static EmulatorResponse list(List<String> keys, Map<String, ?> keyInfo) {
        if (keys == null || keys.isEmpty()) {
            return notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keys", List.copyOf(keys));
        if (keyInfo != null) {
            data.put("key_info", keyInfo);
        }
        return data(data);
    }

    /**
     * The envelope of Vault's legacy {@code sys/} paths ({@code sys/policy}, {@code sys/capabilities*},
     * {@code sys/auth}): {@code data}'s fields repeated at the top level for pre-0.6 clients, built here as a
     * raw document because the standard envelope has no such copy. {@code no-store}, as Vault sends for sys.
     */
    static EmulatorResponse legacySys(Map<String, Object> data, Flavour flavour) {
        Map<String, Object> body = new LinkedHashMap<>(data);
        body.put("request_id", Ids.uuid());
        body.put("lease_id", "");
        body.put("renewable", false);
        body.put("lease_duration", 0);
        body.put("data", data);
        body.put("wrap_info", null);
        body.put("warnings", null);
        body.put("auth", null);
        if (flavour == Flavour.VAULT) { // OpenBao's envelope has no mount_type (2.7.2)
            body.put("mount_type", "system");
        }
        return raw(body, Map.of("Cache-Control", "no-store"));
    }

    /** A raw document (no envelope), status 200, with extra headers such as Cache-Control. */
    static EmulatorResponse raw(Object document, Map<String, String> headers) {
        return new EmulatorResponse(Kind.RAW, 200, document, null, null, null, headers);
    }
}
