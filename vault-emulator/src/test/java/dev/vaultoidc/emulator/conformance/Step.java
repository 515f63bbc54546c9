package dev.vaultoidc.emulator.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scripted request. Paths, bodies and tokens may name values an earlier step captured from
 * its response ({@code ${name}}); each server substitutes its own value, so the scripts stay
 * identical while the servers generate different ids.
 */
final class Step {

    /** Who calls: the root token, no token, a captured token variable, or a literal. */
    static final String ROOT = "<root>";

    static final String NONE = "<none>";

    final String id;
    final String group;
    final String method;
    final String path;
    /** JSON text with {@code ${var}} references; null for no body. Sent verbatim after substitution. */
    final String body;

    String token = ROOT;
    /**
     * When set, the step is sent only to OpenBao and not compared: setup the emulator does not need.
     * The reason is kept. (ACL policies used to be such setup; the emulator now stores and enforces
     * them, so they are compared.)
     */
    String openBaoOnly;
    /** Variable name → JSON pointer into the response body. */
    final Map<String, String> captures = new LinkedHashMap<>();
    /** Headers whose presence and value are compared for this step. */
    final List<String> headers = new ArrayList<>();

    Step(String id, String group, String method, String path, String body) {
        this.id = id;
        this.group = group;
        this.method = method;
        this.path = path;
        this.body = body;
    }

    /** Captures the value at {@code pointer} (e.g. {@code /data/id}) as {@code ${name}}. */
    Step save(String name, String pointer) {
        captures.put(name, pointer);
        return this;
    }

    /** Calls with a token captured earlier, {@link #NONE}, or a literal. */
    Step as(String token) {
        this.token = token;
        return this;
    }

    /** Marks this step as OpenBao-only setup, not compared; see {@link #openBaoOnly}. */
    Step openBaoOnly(String why) {
        this.openBaoOnly = why;
        return this;
    }

    /** Compares these response headers too. */
    Step header(String name) {
        headers.add(name);
        return this;
    }

    @Override
    public String toString() {
        return id + " " + method + " " + path + (body == null ? "" : " " + body);
    }
}
