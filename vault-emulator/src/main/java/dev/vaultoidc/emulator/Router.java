package dev.vaultoidc.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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

  static final String GENERIC_NAME = "\\w(?:[\\w\\-.]*\\w)?";

  static final Function<EmulatorRequest, EmulatorResponse> UNSUPPORTED_PATH =
      request -> unsupportedPath();

  private final List<Route> routes = new ArrayList<>();

  /** Declares a path; {@code fields} are the body/query keys it knows (path params included). */
  Route add(String template, String... fields) {
    Route route = new Route(template, fields);
    routes.add(route);
    return route;
  }

  /** Dispatches {@code request} by {@code path} (relative to this router). */
  EmulatorResponse dispatch(EmulatorRequest request, String path) {
    for (Route route : routes) {
      Matcher m = route.pattern.matcher(path);
      if (!m.matches()) {
        continue;
      }
      Handler handler = route.ops.get(request.method());
      if (handler == null) {
        return unsupportedOperation();
      }
      Map<String, Object> input = new LinkedHashMap<>(
          "GET".equals(request.method()) || "LIST".equals(request.method())
              ? new LinkedHashMap<String, Object>(request.query()) : request.body());
      Map<String, Object> data = new LinkedHashMap<>(input);
      Set<String> replaced = new TreeSet<>();
      for (int i = 0; i < route.params.size(); i++) {
        String param = route.params.get(i);
        String value = m.group(i + 1);
        if (input.containsKey(param) && !Objects.equals(String.valueOf(input.get(param)), value)) {
          replaced.add(param);
        }
        data.put(param, value);
      }
      EmulatorResponse response;
      try {
        response = handler.handle(new EmulatorRequest(
            request.method(), request.path(), request.query(), data, request.token()));
      } catch (Fields.FieldValidationException e) {
        return EmulatorResponse.error(400, e.getMessage());
      } catch (PlainError e) {
        return EmulatorResponse.error(500, multiError(e.messages));
      }
      return withWarnings(response, route, input.keySet(), replaced);
    }
    return unsupportedPath();
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
    List<String> warnings = new ArrayList<>(response.warnings());
    if (!replaced.isEmpty()) {
      warnings.add("Endpoint replaced the value of these parameters with the values captured from "
          + "the endpoint's path: [" + String.join(" ", replaced) + "]");
    }
    if (!unknown.isEmpty()) {
      warnings.add("Endpoint ignored these unrecognized parameters: [" + String.join(" ", unknown) + "]");
    }
    return new EmulatorResponse(response.kind(), response.status(), response.data(), warnings,
        response.auth(), response.errors(), response.headers());
  }

  /** go-multierror's rendering of a single error, as Vault's core wraps plain errors (spec §1.7). */
  static String multiError(String message) {
    return multiError(List.of(message));
  }

  /** go-multierror's {@code ListFormatFunc}. */
  static String multiError(List<String> messages) {
    if (messages.size() == 1) {
      return "1 error occurred:\n\t* " + messages.get(0) + "\n\n";
    }
    return messages.size() + " errors occurred:\n\t* " + String.join("\n\t* ", messages) + "\n\n";
  }

  static EmulatorResponse unsupportedPath() {
    return EmulatorResponse.error(404, multiError("unsupported path"));
  }

  static EmulatorResponse unsupportedOperation() {
    return EmulatorResponse.error(405, multiError("unsupported operation"));
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
      this.fields = fields == null ? null : Set.copyOf(java.util.Arrays.asList(fields));
    }

    Route on(String operation, Handler handler) {
      ops.put(operation, handler);
      return this;
    }
  }
}
