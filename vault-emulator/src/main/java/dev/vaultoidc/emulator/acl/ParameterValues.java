package dev.vaultoidc.emulator.acl;

import java.util.List;
import java.util.Map;

/**
 * Whether a request value is in an allowed/denied value list, as Vault 1.20 decides
 * ({@code valueInParameterList}): an empty list holds every value; a string matches a policy
 * string exactly or by a {@code *} at its start and/or end; anything else must be deeply equal.
 *
 * <p>Vault 1.21's relaxed matching of list and comma-separated values element by element is not
 * emulated: 1.20 and OpenBao compare the whole value.
 */
final class ParameterValues {

    private ParameterValues() {}

    static boolean inList(Object value, List<Object> list) {
        if (list.isEmpty()) {
            return true;
        }
        for (Object element : list) {
            if (element == null || value == null) {
                if (element == value) {
                    return true;
                }
            } else if (element instanceof String pattern) {
                if (value instanceof String s && globMatch(pattern, s)) {
                    return true;
                }
            } else if (deepEquals(element, value)) {
                return true;
            }
        }
        return false;
    }

    /** strutil.GlobbedStringsMatch: {@code *} only at the start and/or end is special. */
    static boolean globMatch(String pattern, String value) {
        if (pattern.length() < 2) {
            return value.equals(pattern);
        }
        boolean leading = pattern.startsWith("*");
        boolean trailing = pattern.endsWith("*");
        if (leading && trailing) {
            return value.contains(pattern.substring(1, pattern.length() - 1));
        }
        if (leading) {
            return value.endsWith(pattern.substring(1));
        }
        if (trailing) {
            return value.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return value.equals(pattern);
    }

    /**
     * Go's reflect.DeepEqual between a policy value and a JSON request value. Numbers never match:
     * the request side is a {@code json.Number}, a type no policy value has.
     */
    private static boolean deepEquals(Object policy, Object request) {
        if (policy == null || request == null) {
            return policy == request;
        }
        if (policy instanceof Number || request instanceof Number) {
            return false;
        }
        if (policy instanceof String || policy instanceof Boolean) {
            return policy.equals(request);
        }
        if (policy instanceof List<?> pl && request instanceof List<?> rl) {
            if (pl.size() != rl.size()) {
                return false;
            }
            for (int i = 0; i < pl.size(); i++) {
                if (!deepEquals(pl.get(i), rl.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (policy instanceof Map<?, ?> pm && request instanceof Map<?, ?> rm) {
            if (pm.size() != rm.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                if (!rm.containsKey(e.getKey()) || !deepEquals(e.getValue(), rm.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
