package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: fuzzes the emulator's HTTP request handling over real loopback HTTP, a sequence of up to
 * {@value #MAX_STEPS} requests per input against a fresh emulator state. Method, path, query,
 * headers (the token in {@code X-Vault-Token} or {@code Authorization}, {@code X-Vault-Namespace},
 * {@code X-Vault-Wrap-TTL}, content types) and body all come from the input. What must hold for
 * every request:
 *
 * <ul>
 *   <li>it is answered within {@link #TIMEOUT} (a dropped connection or a hang is a finding);
 *   <li>the answer is Vault-shaped: JSON where Vault sends a body, an {@code errors} array of strings
 *       on every error (the OIDC provider's OAuth {@code error} on its own paths), and never a 5xx
 *       carrying a Java exception;
 *   <li>a token with the narrow policy {@link #NARROW_POLICY} (plus {@code default}) never gets a 2xx
 *       on a path those policies do not grant, and a request without a valid token never gets a 2xx
 *       outside Vault's unauthenticated paths; both oracles are written here from the policy text
 *       and Vault's documentation, not taken from the emulator's ACL code;
 * </ul>
 *
 * and after the sequence the state is consistent: the list endpoints still answer, each listed
 * entity and group can be read back, and the OIDC well-known documents are served.
 *
 * <p>Input format (text, so seeds are readable and reviewable): requests separated by a line
 * {@code ---}. Each starts with {@code METHOD WHO TARGET}, where WHO is {@code root},
 * {@code narrow}, {@code none}, {@code bogus}, {@code last} (the last {@code client_token} any
 * response carried) or one of these with {@code -bearer} (token in {@code Authorization: Bearer}),
 * and TARGET is a path under {@code /v1/} (or an absolute path when it starts with {@code /}) with an
 * optional query. Header lines follow up to a blank line, then the body. A first line
 * {@code flavour: openbao} runs the input against the OpenBao-flavoured emulator.
 *
 * <p>Regression mode (the normal build) runs the committed seeds under
 * {@code HttpRequestFuzzTestInputs/requestSequence}; {@code JAZZER_FUZZ=1} fuzzes (see
 * docs/security-model.md, "Fuzzing").
 */
class HttpRequestFuzzTest {

    private static final int MAX_STEPS = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String NARROW = "fuzz-narrow";

    /** What the narrow token may do besides {@code default}; {@link #narrowAllows} is its oracle. */
    static final String NARROW_POLICY = """
            path "identity/oidc/key/*" {
              capabilities = ["read"]
            }
            path "identity/entity/name/fuzz-*" {
              capabilities = ["create", "update", "read"]
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    // Test controls off: their fault injection is not Vault's and would make "every request is answered"
    // false by design.
    private static final VaultEmulator VAULT =
            VaultEmulator.builder().testControls(false).build().start();
    private static final VaultEmulator OPENBAO = VaultEmulator.builder()
            .flavour(Flavour.OPENBAO)
            .testControls(false)
            .build()
            .start();

    @AfterAll
    static void stop() {
        VAULT.close();
        OPENBAO.close();
    }

    @FuzzTest(maxDuration = "10m")
    // No entry may hold a line break: Jazzer writes the entries into a libFuzzer dictionary, one a line.
    @DictionaryEntries({
        "GET ",
        "POST ",
        "PUT ",
        "DELETE ",
        "LIST ",
        "PATCH ",
        "HEAD ",
        " root ",
        " narrow ",
        " none ",
        " bogus ",
        " last ",
        "-bearer",
        "---",
        "flavour: openbao",
        "?list=true",
        "X-Vault-Token: ",
        "X-Vault-Namespace: ",
        "X-Vault-Wrap-TTL: ",
        "Authorization: Bearer ",
        "Content-Type: application/json",
        "Content-Type: application/x-www-form-urlencoded",
        "Content-Type: application/merge-patch+json",
        "identity/entity",
        "identity/entity/id/",
        "identity/entity/name/",
        "identity/entity/name/fuzz-",
        "identity/entity/merge",
        "identity/entity/batch-delete",
        "identity/entity-alias",
        "identity/entity-alias/id/",
        "identity/group",
        "identity/group/id/",
        "identity/group/name/",
        "identity/group-alias",
        "identity/lookup/entity",
        "identity/lookup/group",
        "identity/oidc/config",
        "identity/oidc/key/",
        "identity/oidc/key/default",
        "/rotate",
        "identity/oidc/role/",
        "identity/oidc/token/",
        "identity/oidc/introspect",
        "identity/oidc/.well-known/keys",
        "identity/oidc/.well-known/openid-configuration",
        "identity/oidc/provider/",
        "identity/oidc/provider/default",
        "/authorize",
        "/token",
        "/userinfo",
        "identity/oidc/assignment/",
        "identity/oidc/scope/",
        "identity/oidc/client/",
        "sys/policy/",
        "sys/policies/acl/",
        "sys/auth/",
        "sys/auth/approle",
        "sys/health",
        "sys/seal-status",
        "sys/capabilities",
        "sys/capabilities-self",
        "sys/capabilities-accessor",
        "sys/wrapping/unwrap",
        "auth/token/create",
        "auth/token/create-orphan",
        "auth/token/lookup",
        "auth/token/lookup-self",
        "auth/token/lookup-accessor",
        "auth/token/renew-self",
        "auth/token/revoke-self",
        "auth/token/revoke",
        "auth/token/accessors",
        "auth/token/roles/",
        "auth/approle/role/",
        "/role-id",
        "/secret-id",
        "auth/approle/login",
        "{\"name\":\"fuzz-a\"}",
        "\"name\"",
        "\"policies\"",
        "\"policy\"",
        "\"metadata\"",
        "\"key\"",
        "\"ttl\"",
        "\"rotation_period\"",
        "\"verification_ttl\"",
        "\"algorithm\"",
        "\"RS256\"",
        "\"ES256\"",
        "\"EdDSA\"",
        "\"allowed_client_ids\"",
        "\"template\"",
        "\"client_id\"",
        "\"canonical_id\"",
        "\"mount_accessor\"",
        "\"member_entity_ids\"",
        "\"member_group_ids\"",
        "\"type\"",
        "\"external\"",
        "\"internal\"",
        "\"to_entity_id\"",
        "\"from_entity_ids\"",
        "\"entity_ids\"",
        "\"token\"",
        "\"role_id\"",
        "\"secret_id\"",
        "\"token_policies\"",
        "\"token_ttl\"",
        "\"secret_id_num_uses\"",
        "\"issuer\"",
        "\"disabled\"",
        "\"paths\"",
        "\"path\"",
        "\"accessor\"",
        "\"num_uses\"",
        "\"period\"",
        "\"no_default_policy\"",
        "\"redirect_uris\"",
        "\"assignments\"",
        "\"scopes_supported\"",
        "\"allowed_redirect_uris\"",
        "capabilities",
        "sudo",
        "null",
        "true",
        "[]",
        "{}",
        "\"*\"",
        "\"1h\"",
        "\"0\"",
        "{{identity.entity.id}}"
    })
    void requestSequence(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        VaultEmulator vault = VAULT;
        if (text.startsWith("flavour: openbao\n")) {
            vault = OPENBAO;
            text = text.substring("flavour: openbao\n".length());
        }
        run(vault, text);
    }

    /** Runs one input's requests against {@code vault}, made fresh first, and checks the invariants. */
    static void run(VaultEmulator vault, String text) {
        vault.reset();
        vault.writePolicy(NARROW, NARROW_POLICY);
        Run run = new Run(vault, vault.createToken(null, NARROW));
        int port = vault.port();
        try (SilentCloseable ignored = permitLoopback(port)) {
            for (Step step : Step.parseAll(text)) {
                run.send(step);
            }
            run.checkConsistent();
        }
    }

    /**
     * Jazzer's SSRF detector flags every connection it was not told about, this harness's own included:
     * permit exactly the emulator's loopback port. Without the Jazzer agent (a plain {@code @Test} run
     * first) there is no detector, and touching {@link BugDetectors} then would break it for the rest
     * of the JVM, so it is left alone.
     */
    private static SilentCloseable permitLoopback(int port) {
        try {
            Class.forName("com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery");
        } catch (ClassNotFoundException e) {
            return () -> {};
        }
        return BugDetectors.allowNetworkConnections(
                (host, p) -> p == port && (host.equals("127.0.0.1") || host.equals("localhost")));
    }

    /** The seeds must reach the handlers, or the fuzzer starts from nothing: the narrow token's reads succeed. */
    @Test
    void narrowSeedReachesTheHandlers() throws IOException {
        run(VAULT, seed("narrow-token-stays-in-its-policy"));

        assertThat(VAULT.requests())
                .anySatisfy(r -> {
                    assertThat(r.path()).isEqualTo("identity/entity/name/fuzz-a");
                    assertThat(r.method()).isEqualTo("GET");
                    assertThat(r.status()).isEqualTo(200);
                })
                .anySatisfy(r -> {
                    assertThat(r.path()).isEqualTo("identity/entity/id");
                    assertThat(r.status()).isEqualTo(403);
                });
    }

    /** The ACL oracle can fail: with enforcement off, the narrow token's escalation seed is caught. */
    @Test
    void aclOracleCatchesAnEmulatorThatDoesNotEnforce() throws IOException {
        try (VaultEmulator open = VaultEmulator.builder()
                .aclEnforcement(false)
                .testControls(false)
                .build()
                .start()) {
            assertThatThrownBy(() -> run(open, seed("narrow-escalation-attempts")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("which its policies do not grant");
        }
    }

    private static String seed(String name) throws IOException {
        try (var in =
                HttpRequestFuzzTest.class.getResourceAsStream("HttpRequestFuzzTestInputs/requestSequence/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One request as the input spells it. */
    record Step(String method, String who, String target, List<String[]> headers, String body) {

        private static final Pattern TOKEN_CHARS = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

        static List<Step> parseAll(String text) {
            List<Step> steps = new ArrayList<>();
            for (String block : text.split("\n---\n", -1)) {
                if (steps.size() == MAX_STEPS) {
                    break;
                }
                steps.add(parse(block));
            }
            return steps;
        }

        static Step parse(String block) {
            int eol = block.indexOf('\n');
            String first = eol < 0 ? block : block.substring(0, eol);
            String rest = eol < 0 ? "" : block.substring(eol + 1);
            String[] parts = first.split(" ", 3);
            String method = parts[0].toUpperCase(Locale.ROOT);
            if (!TOKEN_CHARS.matcher(method).matches()) {
                method = "GET";
            }
            String who = parts.length > 1 ? parts[1] : "root";
            String target = parts.length > 2 ? parts[2] : "";
            List<String[]> headers = new ArrayList<>();
            int blank = rest.indexOf("\n\n");
            String head = blank < 0 ? (rest.contains(": ") ? rest : "") : rest.substring(0, blank);
            String body = blank < 0 ? (head.isEmpty() ? rest : "") : rest.substring(blank + 2);
            for (String line : head.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim()
                    });
                }
            }
            return new Step(method, who, target, headers, body);
        }
    }

    /** One input's requests against one emulator, with what the oracles need to remember. */
    private static final class Run {
        private final VaultEmulator vault;
        private final String narrowToken;
        private String lastToken;
        /** Root changed a policy (it may have widened the narrow one): the narrow oracle no longer applies. */
        private boolean policiesChanged;
        /** Some token was revoked: it may have been the root token, and then the final check cannot run. */
        private boolean revoked;

        Run(VaultEmulator vault, String narrowToken) {
            this.vault = vault;
            this.narrowToken = narrowToken;
        }

        void send(Step step) {
            String who = step.who();
            boolean bearer = who.endsWith("-bearer");
            String role = bearer ? who.substring(0, who.length() - "-bearer".length()) : who;
            String token = switch (role) {
                case "root" -> vault.rootToken();
                case "narrow" -> narrowToken;
                case "none" -> null;
                case "last" -> lastToken;
                default -> "hvs.fuzz-" + role;
            };
            URI uri = uri(step.target());
            if (uri == null) {
                return; // not expressible as an HTTP request target: the client cannot send it
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
            try {
                b.method(
                        step.method(),
                        step.body().isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(step.body()));
            } catch (IllegalArgumentException e) {
                return; // a method name the client refuses
            }
            if (token != null) {
                header(b, bearer ? "Authorization" : "X-Vault-Token", bearer ? "Bearer " + token : token);
            }
            for (String[] h : step.headers()) {
                header(b, h[0], h[1]);
            }
            HttpResponse<String> response;
            try {
                response = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw new AssertionError("no answer within " + TIMEOUT + " to " + describe(step), e);
            } catch (IOException e) {
                throw new AssertionError("connection failed without an answer to " + describe(step), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            String path = logicalPath(uri);
            JsonNode json = checkShape(step, path, response);
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            String op = operation(step.method(), uri);
            if (ok
                    && path != null
                    && role.equals("root")
                    && path.toLowerCase(Locale.ROOT).contains("polic")) {
                policiesChanged = true;
            }
            if (ok && path != null && path.contains("revoke")) {
                revoked = true;
            }
            if (ok && path != null && role.equals("narrow") && !policiesChanged && !narrowAllows(op, path)) {
                throw new AssertionError("the narrow token got " + status + " for " + op + " " + path
                        + ", which its policies do not grant (" + describe(step) + ")");
            }
            if (ok && path != null && (role.equals("none") || role.equals("bogus")) && !unauthenticated(path)) {
                throw new AssertionError(
                        "no valid token, yet " + status + " for " + op + " " + path + " (" + describe(step) + ")");
            }
            if (json != null && json.path("auth").path("client_token").isTextual()) {
                lastToken = json.path("auth").path("client_token").asText();
            }
        }

        /** After any sequence: the list endpoints answer and what they list can be read back. */
        void checkConsistent() {
            if (revoked && rootRevoked()) {
                return;
            }
            for (String kind : List.of("entity", "group")) {
                JsonNode list = rootCall("LIST", "identity/" + kind + "/id");
                JsonNode keys = list.path("data").path("keys");
                int n = 0;
                for (JsonNode id : keys) {
                    if (n++ == 3) {
                        break;
                    }
                    if (!id.isTextual() || !id.asText().matches("[0-9a-f-]{36}")) {
                        throw new AssertionError("identity/" + kind + "/id lists " + id);
                    }
                    JsonNode read = rootCall("GET", "identity/" + kind + "/id/" + id.asText());
                    if (!read.path("data").path("id").asText().equals(id.asText())) {
                        throw new AssertionError(kind + " " + id + " is listed but cannot be read: " + read);
                    }
                }
            }
            rootCall("LIST", "identity/oidc/key");
            rootCall("LIST", "identity/oidc/role");
            JsonNode policies = rootCall("GET", "sys/policy");
            if (!policies.path("data").path("keys").toString().contains("\"default\"")) {
                throw new AssertionError("sys/policy no longer lists default: " + policies);
            }
            JsonNode jwks = rootCall("GET", "identity/oidc/.well-known/keys");
            if (!jwks.path("keys").isArray()) {
                throw new AssertionError("the JWKS has no keys array: " + jwks);
            }
            JsonNode discovery = rootCall("GET", "identity/oidc/.well-known/openid-configuration");
            if (!discovery.path("issuer").isTextual()
                    || !discovery.path("jwks_uri").asText().endsWith("/.well-known/keys")) {
                throw new AssertionError("the discovery document lost its issuer or jwks_uri: " + discovery);
            }
        }

        private boolean rootRevoked() {
            HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/auth/token/lookup-self"))
                    .timeout(TIMEOUT)
                    .header("X-Vault-Token", vault.rootToken())
                    .build();
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 403;
            } catch (IOException e) {
                throw new AssertionError("after the sequence, auth/token/lookup-self fails", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** A root request that must answer 200 (or 404 for an empty list) with JSON. */
        private JsonNode rootCall(String method, String path) {
            Step step = new Step(method, "root", path, List.of(), "");
            HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/" + path))
                    .timeout(TIMEOUT)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("X-Vault-Token", vault.rootToken())
                    .build();
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode json = checkShape(step, path, response);
                int status = response.statusCode();
                if (status != 200 && !(status == 404 && method.equals("LIST"))) {
                    throw new AssertionError("after the sequence, " + method + " " + path + " answers " + status + ": "
                            + response.body());
                }
                return json;
            } catch (IOException e) {
                throw new AssertionError("after the sequence, " + method + " " + path + " fails", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private URI uri(String target) {
            String t = target.startsWith("/") ? target : "/v1/" + target;
            try {
                URI uri = URI.create(vault.address() + encode(t));
                return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? null : uri;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static void header(HttpRequest.Builder b, String name, String value) {
        try {
            b.header(name, value);
        } catch (IllegalArgumentException e) {
            // a restricted or malformed header the client will not send
        }
    }

    private static final Pattern JAVA_TEXT = Pattern.compile("(?i)exception|java\\.|\\bat [a-z]+\\.|jazzer");

    /** Vault's wire format; returns the parsed body (null when there is none). */
    private static JsonNode checkShape(Step step, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status < 200 || status > 599) {
            throw new AssertionError("status " + status + " for " + describe(step));
        }
        if (step.method().equals("HEAD")) {
            return null;
        }
        if (status == 204) {
            if (!body.isEmpty()) {
                throw new AssertionError("204 with a body for " + describe(step) + ": " + body);
            }
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new AssertionError("Content-Type " + type + " for " + describe(step));
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + status + ") for " + describe(step) + ": " + body, e);
        }
        if (json == null) {
            throw new AssertionError("empty body with " + status + " for " + describe(step));
        }
        if (status >= 400) {
            JsonNode errors = json.get("errors");
            boolean oauth = path != null
                    && path.startsWith("identity/oidc/provider/")
                    && json.path("error").isTextual();
            if (!oauth && (errors == null || !errors.isArray())) {
                throw new AssertionError(
                        "error " + status + " without an errors array for " + describe(step) + ": " + body);
            }
            if (errors != null) {
                for (JsonNode e : errors) {
                    if (!e.isTextual()) {
                        throw new AssertionError("non-string error for " + describe(step) + ": " + body);
                    }
                    if (status >= 500 && JAVA_TEXT.matcher(e.asText()).find()) {
                        throw new AssertionError(status + " with a Java exception for " + describe(step) + ": " + body);
                    }
                }
            }
        }
        return json;
    }

    /** The logical path Vault routes: decoded, without {@code /v1/} and outer slashes; null off /v1/. */
    static String logicalPath(URI uri) {
        String p = uri.getPath();
        if (p == null || !p.startsWith("/v1/")) {
            return null;
        }
        p = p.substring(4);
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The ACL operation class of a request: READ, LIST, WRITE (create or update), DELETE or OTHER. */
    static String operation(String method, URI uri) {
        return switch (method) {
            case "GET" -> listParameter(uri.getRawQuery()) ? "LIST" : "READ";
            case "LIST" -> "LIST";
            case "POST", "PUT" -> "WRITE";
            case "DELETE" -> "DELETE";
            default -> "OTHER";
        };
    }

    /** Whether the first {@code list} query parameter is one of Go's true spellings. */
    private static boolean listParameter(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (k.equals("list")) {
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return Set.of("1", "t", "T", "TRUE", "true", "True").contains(v);
                }
            } catch (IllegalArgumentException e) {
                // a malformed escape: the server drops the pair as well
            }
        }
        return false;
    }

    private static final Set<String> DEFAULT_READ = Set.of("auth/token/lookup-self", "sys/internal/ui/resultant-acl");
    private static final Set<String> DEFAULT_UPDATE = Set.of(
            "auth/token/renew-self",
            "auth/token/revoke-self",
            "sys/capabilities-self",
            "sys/renew",
            "sys/leases/renew",
            "sys/leases/lookup",
            "sys/wrapping/wrap",
            "sys/wrapping/lookup",
            "sys/wrapping/unwrap",
            "sys/tools/hash",
            "sys/control-group/request");

    /**
     * What {@link #NARROW_POLICY} plus Vault's {@code default} policy grant a token without an entity
     * (so the default policy's templated entity paths grant nothing), written from the policy texts.
     */
    static boolean narrowAllows(String op, String path) {
        if (unauthenticated(path) || path.startsWith("cubbyhole/")) {
            return true;
        }
        return switch (op) {
            case "READ" ->
                path.startsWith("identity/oidc/key/")
                        || path.startsWith("identity/entity/name/fuzz-")
                        || DEFAULT_READ.contains(path)
                        || isProviderAuthorize(path);
            case "WRITE" ->
                path.startsWith("identity/entity/name/fuzz-")
                        || DEFAULT_UPDATE.contains(path)
                        || path.startsWith("sys/tools/hash/")
                        || isProviderAuthorize(path);
            default -> false;
        };
    }

    private static boolean isProviderAuthorize(String path) {
        return path.matches("identity/oidc/provider/[^/]+/authorize");
    }

    /**
     * Vault's unauthenticated paths among those the emulator serves: health and seal status, the OIDC
     * well-knowns (engine and providers), the provider token and userinfo endpoints (they check their
     * own credentials) and an auth method's login.
     */
    static boolean unauthenticated(String path) {
        return path.equals("sys/health")
                || path.equals("sys/seal-status")
                || path.startsWith("identity/oidc/.well-known/")
                || path.matches("identity/oidc/provider/[^/]+/(\\.well-known/.+|token|userinfo)")
                || path.matches("auth/.+/login");
    }

    private static final String KEEP = "-._~!$&'()*+,;=:@/";

    /** Percent-encodes what a URI may not hold, keeping valid escapes and the first {@code ?}. */
    static String encode(String target) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        boolean query = false;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean escape = c == '%'
                    && i + 2 < bytes.length
                    && Character.digit(bytes[i + 1], 16) >= 0
                    && Character.digit(bytes[i + 2], 16) >= 0;
            if (c == '?' && !query) {
                query = true;
                out.append('?');
            } else if (escape
                    || (c < 0x80 && (Character.isLetterOrDigit(c) || KEEP.indexOf(c) >= 0 || (query && c == '?')))) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String describe(Step step) {
        return step.method() + " " + step.who() + " " + step.target().replaceAll("[^\\x20-\\x7e]", "?");
    }
}
