package dev.vaultoidc.emulator.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the scripted request sequence. Bodies are written with single quotes for readability
 * and sent with double quotes; {@link #raw} sends its text untouched (for malformed bodies).
 */
final class ScriptBuilder {

    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final Map<Step, String> notes = new HashMap<>();
    private String path = "";

    /** Sets the path template that names the following steps' group, e.g. {@code identity/entity/id/:id}. */
    ScriptBuilder path(String template) {
        this.path = template;
        return this;
    }

    Step get(String what, String p) {
        return add(what, "GET", p, null);
    }

    Step list(String what, String p) {
        return add(what, "LIST", p, null);
    }

    Step delete(String what, String p) {
        return add(what, "DELETE", p, null);
    }

    Step post(String what, String p, String body) {
        return add(what, "POST", p, body == null ? null : body.replace('\'', '"'));
    }

    Step put(String what, String p, String body) {
        return add(what, "PUT", p, body == null ? null : body.replace('\'', '"'));
    }

    /** Any method with the body sent verbatim. */
    Step raw(String what, String method, String p, String body) {
        return add(what, method, p, body);
    }

    /**
     * Writes an ACL policy, on both servers: the emulator enforces ACLs as OpenBao does, so the
     * script's non-root tokens need the same grants on both. Compared like any other step.
     */
    Step acl(String policy, String hcl) {
        String group = "POST sys/policies/acl/:name";
        int n = counters.merge(group, 1, Integer::sum);
        String body = "{\"policy\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(hcl).toString() + "}";
        Step s = new Step(group + " #" + n, group, "POST", "sys/policies/acl/" + policy, body);
        steps.add(s);
        notes.put(s, "ACL policy " + policy + ": " + hcl);
        return s;
    }

    private Step add(String what, String method, String p, String body) {
        String verb = method.equals("PUT") ? "POST" : method;
        String group = verb + " " + path;
        int n = counters.merge(group, 1, Integer::sum);
        Step s = new Step(group + " #" + n, group, method, p, body);
        steps.add(s);
        notes.put(s, what);
        return s;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    String note(Step s) {
        return notes.getOrDefault(s, "");
    }
}
