package dev.vaultoidc.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vault's logical router for one backend (spec §1.3, §1.4): path templates with parameters,
 * 404 for unknown paths, 405 for unsupported operations, path parameters winning over the body,
 * field validation errors as 400, and the "unrecognized parameters" warning.
 *
 * <p>Templates: {@code :name} matches {@code framework.GenericNameRegex}; {@code *name} matches
 * {@code .+} (entity and group names may contain {@code /}, spec §1.1).
 */
final class Router {

    /** One operation on one path. */
    @FunctionalInterface
    interface Handler {
        EmulatorResponse handle(EmulatorRequest request);
    }

    /**
     * {@code framework.GenericNameRegex} (spec §1.1): the one name syntax of the emulator. IDs and
     * OIDC key and role names that do not match it do not route.
     */
    static final String GENERIC_NAME = "\\w(?:[\\w\\-.]*\\w)?";

    private final List<Route> routes = new ArrayList<>();
    private final Flavour flavour;

    Router() {
        this(Flavour.VAULT);
    }

    /** A router whose field validation errors are worded as {@code flavour}'s server words them. */
    Router(Flavour flavour) {
        this.flavour = flavour;
    }

    /** Declares a path; {@code fields} are the body/query keys it knows (path params included). */
    Route add(String template, String... fields) {
        Route route = new Route(template, fields);
        routes.add(route);
        return route;
    }

    /**
     * Dispatches {@code request} by {@code path} (relative to this router).
     *
     * @param login whether {@code path} is a login (unauthenticated) path. Vault's core serves those
     *     through {@code handleLoginRequest}, which returns errors bare; every other request goes
     *     through {@code handleRequest}, which wraps them in go-multierror (spec §1.7; both seen on
     *     OpenBao 2.7.2: {@code .well-known/nope} says {@code unsupported path}, {@code key/-bad}
     *     says {@code 1 error occurred: ...}).
     */
    EmulatorResponse dispatch(EmulatorRequest request, String path, boolean login) {
        return dispatch(request, path, login, "LIST".equals(request.method()));
    }

    /**
     * As {@link #dispatch(EmulatorRequest, String, boolean)}, for a path that was sent with a
     * trailing slash ({@code trailingSlash}; Vault adds one to every LIST). Vault's patterns end in
     * {@code /?$} only on list paths, and a name parameter never takes a slash, so such a path
     * reaches only a route that can list or ends in a catch-all parameter; any other is an
     * unsupported path (seen on OpenBao 2.7.2: {@code LIST identity/entity/id/<id>} and
     * {@code GET identity/entity/id/<id>/} are 404).
     */
    EmulatorResponse dispatch(EmulatorRequest request, String path, boolean login, boolean trailingSlash) {
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(path);
            if (!m.matches() || trailingSlash && !route.ops.containsKey("LIST") && !route.catchAll) {
                continue;
            }
            Handler handler = route.ops.get(request.method());
            if (handler == null) {
                return unsupportedOperation(login);
            }
            Map<String, Object> input = new LinkedHashMap<>(
                    "GET".equals(request.method()) || "LIST".equals(request.method())
                            ? new LinkedHashMap<String, Object>(request.query())
                            : request.body());
            Map<String, Object> data = new LinkedHashMap<>(input);
            Set<String> replaced = new TreeSet<>();
            for (int i = 0; i < route.params.size(); i++) {
                String param = route.params.get(i);
                // framework.Backend: a supplied, non-null value is "replaced" even when it equals the
                // captured one (OpenBao 2.7.2: GET key/k1?name=k1 warns).
                if (input.get(param) != null) {
                    replaced.add(param);
                }
                data.put(param, m.group(i + 1));
            }
            EmulatorResponse response;
            try {
                response = handler.handle(new EmulatorRequest(
                        request.method(), request.path(), request.query(), data, request.token(), request.headers()));
            } catch (Fields.FieldValidationException e) {
                boolean write = "POST".equals(request.method()) || "PUT".equals(request.method());
                return EmulatorResponse.error(400, e.message(flavour, route.existenceCheck && write));
            } catch (PlainError e) {
                return coreError(500, e.messages, login);
            }
            return withWarnings(response, route, input.keySet(), replaced);
        }
        return unsupportedPath(login);
    }

    private static EmulatorResponse withWarnings(
            EmulatorResponse response, Route route, Set<String> supplied, Set<String> replaced) {
        // Vault only attaches these warnings to a response that has a body (spec §1.4).
        if (response.kind() != EmulatorResponse.Kind.ENVELOPE || route.fields == null) {
            return response;
        }
        Set<String> unknown = new TreeSet<>();
        for (String key : supplied) {
            if (!route.fields.contains(key) && !route.params.contains(key)) {
                unknown.add(key);
            }
        }
        if (unknown.isEmpty() && replaced.isEmpty()) {
            return response;
        }
        // framework.Backend adds "ignored" before "replaced" (OpenBao 2.7.2 answers in this order).
        List<String> warnings = new ArrayList<>(response.warnings());
        if (!unknown.isEmpty()) {
            warnings.add("Endpoint ignored these unrecognized parameters: [" + String.join(" ", unknown) + "]");
        }
        if (!replaced.isEmpty()) {
            warnings.add("Endpoint replaced the value of these parameters with the values captured from "
                    + "the endpoint's path: [" + String.join(" ", replaced) + "]");
        }
        return new EmulatorResponse(
                response.kind(),
                response.status(),
                response.data(),
                warnings,
                response.auth(),
                response.errors(),
                response.headers());
    }

    /** An error raised by Vault's core rather than a handler: bare on login paths, else wrapped. */
    static EmulatorResponse coreError(int status, List<String> messages, boolean login) {
        return EmulatorResponse.error(status, login ? String.join("; ", messages) : GoText.multiError(messages));
    }

    /** {@code logical.ErrUnsupportedPath}: 404. */
    static EmulatorResponse unsupportedPath(boolean login) {
        return coreError(404, List.of("unsupported path"), login);
    }

    /** {@code logical.ErrUnsupportedOperation}: 405. */
    static EmulatorResponse unsupportedOperation(boolean login) {
        return coreError(405, List.of("unsupported operation"), login);
    }

    /** 400 with a verbatim message ({@code logical.ErrorResponse}). */
    static EmulatorResponse badRequest(String message) {
        return EmulatorResponse.error(400, message);
    }

    /**
     * A plain Go error from a handler: Vault answers 500 with the message wrapped by go-multierror
     * (spec §1.6, §1.7).
     */
    static final class PlainError extends RuntimeException {
        private final List<String> messages;

        PlainError(String message) {
            this(List.of(message));
        }

        PlainError(List<String> messages) {
            super(String.join("; ", messages), null, false, false);
            this.messages = List.copyOf(messages);
        }
    }

    static final class Route {
        private final Pattern pattern;
        private final List<String> params = new ArrayList<>();
        private final Set<String> fields;
        private final Map<String, Handler> ops = new HashMap<>();
        private boolean existenceCheck;
        private final boolean catchAll;

        private Route(String template, String[] fields) {
            StringBuilder regex = new StringBuilder();
            for (String segment : template.split("/", -1)) {
                if (regex.length() > 0) {
                    regex.append('/');
                }
                if (segment.startsWith(":")) {
                    params.add(segment.substring(1));
                    regex.append('(').append(GENERIC_NAME).append(')');
                } else if (segment.startsWith("*")) {
                    params.add(segment.substring(1));
                    regex.append("(.+)");
                } else {
                    regex.append(Pattern.quote(segment));
                }
            }
            this.pattern = Pattern.compile(regex.toString());
            String[] segments = template.split("/", -1);
            this.catchAll = segments[segments.length - 1].startsWith("*");
            this.fields = fields == null ? null : Set.copyOf(java.util.Arrays.asList(fields));
        }

        /**
         * Marks a path whose writes Vault routes through an existence check (create versus update):
         * its field errors come from {@code HandleExistenceCheck}, without the {@code Field validation
         * failed: } prefix.
         */
        Route existenceCheck() {
            this.existenceCheck = true;
            return this;
        }

        Route on(String operation, Handler handler) {
            ops.put(operation, handler);
            return this;
        }
    }
}
