package dev.vaultoidc.emulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Field-by-field comparison of two normalised responses. */
final class Differ {

    /** Numbers that follow the clock: equal within a few seconds (the two calls are not simultaneous). */
    private static final Set<String> CLOCK_NUMBERS = Set.of(
            "ttl",
            "iat",
            "exp",
            "nbf",
            "auth_time",
            "server_time_utc",
            "creation_time",
            "expire_time",
            "issue_time",
            "last_renewal_time",
            "lease_duration",
            "secret_id_ttl",
            "token_ttl");

    private static final long CLOCK_TOLERANCE = 5;

    private final Step step;
    private final List<Difference> out = new ArrayList<>();

    private Differ(Step step) {
        this.step = step;
    }

    static List<Difference> compare(
            Step step,
            int baoStatus,
            int emuStatus,
            Map<String, String> baoHeaders,
            Map<String, String> emuHeaders,
            JsonNode bao,
            JsonNode emu) {
        Differ d = new Differ(step);
        if (baoStatus != emuStatus) {
            d.add("status", "status", String.valueOf(baoStatus), String.valueOf(emuStatus));
        }
        for (String h : step.headers) {
            String a = baoHeaders.get(h);
            String b = emuHeaders.get(h);
            if (!String.valueOf(a).equalsIgnoreCase(String.valueOf(b))) {
                d.add("header:" + h, "value", a, b);
            }
        }
        d.node("body", bao, emu, null);
        return d.out;
    }

    private void add(String location, String kind, String openbao, String emulator) {
        out.add(new Difference(step.id, step.group, location, kind, openbao, emulator));
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isMissingNode();
    }

    private void node(String at, JsonNode a, JsonNode b, String field) {
        if (absent(a) && absent(b)) {
            return;
        }
        if (absent(a)) {
            add(at, "extra", "<none>", brief(b));
            return;
        }
        if (absent(b)) {
            add(at, "missing", brief(a), "<none>");
            return;
        }
        if (a.getNodeType() != b.getNodeType() && !(a.isNumber() && b.isNumber())) {
            add(at, "type", brief(a), brief(b));
            return;
        }
        if (a.isObject()) {
            Set<String> keys = new TreeSet<>(); // sorted: servers order object keys differently
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                node(at + "." + k, a.get(k), b.get(k), k);
            }
            return;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                add(at, "value", brief(a), brief(b));
                return;
            }
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            int i = 0;
            while (ia.hasNext()) {
                node(at + "[" + i++ + "]", ia.next(), ib.next(), field);
            }
            return;
        }
        if (a.isNumber()) {
            boolean equal =
                    a.isIntegralNumber() && b.isIntegralNumber() && field != null && CLOCK_NUMBERS.contains(field)
                            ? Math.abs(a.asLong() - b.asLong()) <= CLOCK_TOLERANCE
                            : a.decimalValue().compareTo(b.decimalValue()) == 0;
            if (!equal) {
                add(at, "value", brief(a), brief(b));
            }
            return;
        }
        if (!a.equals(b)) {
            add(at, "value", brief(a), brief(b));
        }
    }

    private static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
