package dev.vaultoidc.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An in-memory Vault that speaks Vault's HTTP API for the identity secrets engine (entities,
 * aliases, groups, lookup, and the OIDC identity-token endpoints once the OIDC engine is wired),
 * plus the auth surface a client needs: token auth, {@code sys/auth}, AppRole and
 * {@code sys/health}. See {@code docs/emulator.md}.
 *
 * <pre>{@code
 * try (VaultEmulator vault = VaultEmulator.builder().rootToken("root").build().start()) {
 *   String approle = vault.enableAuth("approle");
 *   HttpClient.newHttpClient().send(
 *       HttpRequest.newBuilder(URI.create(vault.address() + "/v1/identity/entity"))
 *           .header("X-Vault-Token", vault.rootToken())
 *           .POST(BodyPublishers.ofString("{\"name\":\"svc\"}")).build(),
 *       BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * <p><b>ACL policies are enforced</b> as on a real server: a token may do what its policies, its
 * entity's and its groups' allow, and gets 403 {@code permission denied} otherwise (the root token
 * may do everything). {@link Builder#aclEnforcement(boolean)} turns this off. See
 * {@code docs/emulator-acl.md}. Only the root namespace exists. Tokens expire by {@link #clock()}.
 *
 * <p>Thread-safe. Each instance is independent; run as many as you like on port 0.
 */
public final class VaultEmulator implements AutoCloseable {

    private final String host;
    private final int requestedPort;
    private final String rootToken;
    private final EmulatorClock clock;
    private final Flavour flavour;
    private final boolean aclEnforcement;
    private final boolean testControls;
    private final Faults faults = new Faults();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile VaultCore core;
    private HttpServer server;
    private ExecutorService executor;

    private VaultEmulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.rootToken = b.rootToken;
        this.clock = b.clock;
        this.flavour = b.flavour;
        this.aclEnforcement = b.aclEnforcement;
        this.testControls = b.testControls;
        this.core = newCore();
    }

    /** A builder with port 0 (any free port), host 127.0.0.1, root token {@code root}. */
    public static Builder builder() {
        return new Builder();
    }

    private VaultCore newCore() {
        VaultCore c = new VaultCore(clock, rootToken, this::address, flavour);
        c.acl.enforce(aclEnforcement);
        return c;
    }

    /** Starts serving; returns this for chaining. Starting twice is an error. */
    public synchronized VaultEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            InetAddress address = host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
            HttpServer s = HttpServer.create(new InetSocketAddress(address, requestedPort), 64);
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "vault-emulator-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.createContext(
                    "/",
                    new HttpFrontend(() -> core, faults, this::record, testControls ? new TestControls(this) : null));
            s.start();
            server = s;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Vault emulator on port " + requestedPort, e);
        }
    }

    /** Stops serving at once; in-flight requests are cut off. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** {@code http://127.0.0.1:<port>}, what {@code VAULT_ADDR} would be. */
    public String address() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        InetSocketAddress a = s.getAddress();
        String h = a.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : a.getAddress().getHostAddress();
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + a.getPort();
    }

    /** The port served (the chosen one when built with port 0). */
    public int port() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return s.getAddress().getPort();
    }

    /** The root token the emulator was built with; it never expires. */
    public String rootToken() {
        return rootToken;
    }

    /** Which server this emulator answers like (see {@link Flavour}). */
    public Flavour flavour() {
        return flavour;
    }

    /** Whether ACL policies are enforced (see {@link Builder#aclEnforcement(boolean)}). */
    public boolean aclEnforcement() {
        return aclEnforcement;
    }

    /** The clock behind token expiry and timestamps; advance it instead of sleeping. */
    public EmulatorClock clock() {
        return clock;
    }

    /** Fault injection: latency, forced statuses, dropped connections. */
    public Faults faults() {
        return faults;
    }

    /**
     * Forgets all state: identity, tokens other than the root token, auth mounts other than
     * {@code token/}, AppRole roles, OIDC state, faults and the request log. The server keeps its port.
     */
    public void reset() {
        core = newCore();
        faults.clear();
        clearRequests();
    }

    // ---- request log ----

    private void record(RecordedRequest r) {
        synchronized (requests) {
            requests.add(r);
        }
    }

    /** Every request received since start or the last {@link #clearRequests()}, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many requests matched {@code pathPattern} (same syntax as {@link Faults}). */
    public long requestCount(String pathPattern) {
        Pattern p = Faults.compile(pathPattern);
        return requests().stream().filter(r -> p.matcher(r.path()).matches()).count();
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    // ---- seed helpers (the same effect as the HTTP calls, without the boilerplate) ----

    /** Enables an auth method at {@code <type>/}; returns its mount accessor. */
    public String enableAuth(String type) {
        return enableAuth(type, type);
    }

    /** Enables an auth method of {@code type} at {@code path}; returns its mount accessor. */
    public String enableAuth(String path, String type) {
        VaultCore c = core;
        synchronized (c.identity) {
            if (!AuthMounts.KNOWN_TYPES.contains(type)) {
                throw new IllegalArgumentException("unsupported auth method type: " + type);
            }
            if (c.mounts.byPath(path).isPresent()) {
                throw new IllegalArgumentException("path is already in use at " + AuthMounts.normalise(path));
            }
            return c.mounts.enable(path, type, "", false).accessor();
        }
    }

    /** Creates an entity with {@code name} (as {@code POST identity/entity/name/:name}); returns its ID. */
    public String createEntity(String name) {
        EmulatorResponse r = call("POST", "identity/entity/name/" + Objects.requireNonNull(name), Map.of());
        if (r.status() == 204) {
            throw new IllegalArgumentException("entity name is already in use: " + name);
        }
        return String.valueOf(((Map<?, ?>) r.data()).get("id"));
    }

    /** Creates an entity alias; returns its ID. */
    public String createEntityAlias(String entityId, String mountAccessor, String aliasName) {
        EmulatorResponse r = call(
                "POST",
                "identity/entity-alias",
                Map.of("canonical_id", entityId, "mount_accessor", mountAccessor, "name", aliasName));
        if (r.kind() != EmulatorResponse.Kind.ENVELOPE) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        return String.valueOf(((Map<?, ?>) r.data()).get("id"));
    }

    /**
     * Creates a service token for {@code entityId} (may be null for none) with the given policies
     * ({@code default} is added) and a 32-day TTL; returns the token.
     */
    public String createToken(String entityId, String... policies) {
        return createToken(entityId, Duration.ofSeconds(TokenStore.DEFAULT_TTL_SECONDS), policies);
    }

    /** As {@link #createToken(String, String...)} with a TTL, judged by {@link #clock()}. */
    public String createToken(String entityId, Duration ttl, String... policies) {
        VaultCore c = core;
        synchronized (c.identity) {
            if (entityId != null && !c.identity.entities.containsKey(entityId)) {
                throw new IllegalArgumentException("no entity with ID " + entityId);
            }
            List<String> p = new ArrayList<>(Arrays.asList(policies));
            p.add("default");
            return c.tokens
                    .create(
                            IdentityStore.removeDuplicates(p),
                            entityId,
                            "auth/token/create",
                            Math.max(1, ttl.getSeconds()),
                            0,
                            null,
                            "token",
                            true,
                            null)
                    .id();
        }
    }

    /**
     * Writes an ACL policy (as {@code PUT sys/policy/:name}): HCL or JSON text, Vault's syntax.
     *
     * @throws IllegalArgumentException with Vault's 400 text when the policy is invalid or
     *     {@code root}
     */
    public void writePolicy(String name, String policy) {
        EmulatorResponse r = call(
                "POST", "sys/policy/" + Objects.requireNonNull(name), Map.of("policy", Objects.requireNonNull(policy)));
        if (r.kind() == EmulatorResponse.Kind.ERROR) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
    }

    /** The token role and ACL policy {@link #issueIdToken} creates and uses. */
    public static final String ID_TOKEN_ROLE = "emulator-id-token";

    /**
     * Mints a signed OIDC ID token for the entity named {@code entityName} from the OIDC role
     * {@code oidcRole}, doing what the HTTP recipe in {@code docs/emulator.md} does: creates the
     * entity if no entity has that name; gives it an entity alias named {@code entityName} on the
     * {@code token/} auth mount unless it already has one there (then that alias is used); writes
     * the ACL policy {@value #ID_TOKEN_ROLE} ({@code read} on {@code identity/oidc/token/*}) and
     * the token role {@value #ID_TOKEN_ROLE} ({@code orphan}, allowing that alias and that policy); creates a token
     * against it with {@code entity_alias}; and reads {@code identity/oidc/token/:oidcRole} with
     * that token. Every step goes through the emulator's Vault API, so the state it leaves behind
     * is what the same HTTP calls would leave.
     *
     * <p>The OIDC role is <b>not</b> created: its key, template and TTL are the test's choice. A
     * missing role fails with Vault's own text ({@code role "<name>" not found}).
     *
     * @return the compact-serialised, signed ID token
     * @throws IllegalArgumentException when a step is refused (Vault's error text as message), for
     *     example a missing OIDC role, a disabled entity, or an alias of that name on the token
     *     mount that belongs to another entity
     */
    public String issueIdToken(String entityName, String oidcRole) {
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(oidcRole, "oidcRole");
        VaultCore c = core;
        synchronized (c.identity) {
            String accessor = c.mounts.byPath("token").orElseThrow().accessor();
            IdentityStore.Entity entity = c.identity.entityByName(entityName).orElse(null);
            String entityId = entity != null ? entity.id : createEntity(entityName);
            String aliasName =
                    c.identity.aliasOn(entityId, accessor).map(a -> a.name).orElse(null);
            if (aliasName == null) {
                createEntityAlias(entityId, accessor, entityName);
                aliasName = entityName;
            }
            // Token roles lower-case their allowed aliases; a "*" in a name would act as a glob, which
            // only widens this helper's own role.
            // The token may mint, and only mint: the policy a real Vault needs, as ACLs are enforced.
            ok(call(
                    "POST",
                    "sys/policy/" + ID_TOKEN_ROLE,
                    Map.of("policy", "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }")));
            ok(call(
                    "POST",
                    "auth/token/roles/" + ID_TOKEN_ROLE,
                    Map.of(
                            "allowed_entity_aliases",
                            List.of(aliasName),
                            "orphan",
                            true,
                            "allowed_policies",
                            List.of(ID_TOKEN_ROLE))));
            EmulatorResponse created =
                    ok(call("POST", "auth/token/create/" + ID_TOKEN_ROLE, Map.of("entity_alias", aliasName)));
            String token = String.valueOf(((Map<?, ?>) created.auth()).get("client_token"));
            EmulatorResponse minted = ok(c.handle(new EmulatorRequest(
                    "GET", "identity/oidc/token/" + oidcRole, Map.of(), Map.of(), c.authenticate(token))));
            return String.valueOf(((Map<?, ?>) minted.data()).get("token"));
        }
    }

    private static EmulatorResponse ok(EmulatorResponse r) {
        if (r.kind() == EmulatorResponse.Kind.ERROR) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        return r;
    }

    private EmulatorResponse call(String method, String path, Map<String, Object> body) {
        VaultCore c = core;
        return c.handle(new EmulatorRequest(method, path, Map.of(), body, c.authenticate(rootToken)));
    }

    /** Package-private access for the extension and tests in this package. */
    VaultCore core() {
        return core;
    }

    /** Builds a {@link VaultEmulator}; validates eagerly. */
    public static final class Builder {
        private String host;
        private int port;
        private String rootToken = "root";
        private EmulatorClock clock = EmulatorClock.system();
        private Flavour flavour = Flavour.VAULT;
        private boolean aclEnforcement = true;
        private boolean testControls = true;

        private Builder() {}

        /** A builder with this one's settings, for a variant that must not change this one. */
        Builder copy() {
            Builder b = new Builder();
            b.host = host;
            b.port = port;
            b.rootToken = rootToken;
            b.clock = clock;
            b.flavour = flavour;
            b.aclEnforcement = aclEnforcement;
            b.testControls = testControls;
            return b;
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Address to bind; default loopback. Use {@code 0.0.0.0} to serve other hosts. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The root token; default {@code root}. */
        public Builder rootToken(String rootToken) {
            if (rootToken == null || rootToken.isBlank()) {
                throw new IllegalArgumentException("root token must not be blank");
            }
            this.rootToken = rootToken;
            return this;
        }

        /** The clock behind expiry and timestamps; default {@link EmulatorClock#system()}. */
        public Builder clock(EmulatorClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Which server to answer like where HashiCorp Vault and OpenBao differ; default
         * {@link Flavour#VAULT}.
         */
        public Builder flavour(Flavour flavour) {
            this.flavour = Objects.requireNonNull(flavour, "flavour");
            return this;
        }

        /**
         * Whether tokens are held to their ACL policies; default {@code true}, as on a real server.
         * {@code false} lets every valid token call every path (policies are still stored, and
         * {@code sys/capabilities*} still answer from them).
         */
        public Builder aclEnforcement(boolean enforce) {
            this.aclEnforcement = enforce;
            return this;
        }

        /**
         * Whether the test controls are served over HTTP under {@code /_emulator/} (default true):
         * clock, faults, request log and reset, root token only; see {@code docs/emulator.md}. Turn
         * them off for an emulator that should answer only what Vault answers.
         */
        public Builder testControls(boolean enabled) {
            this.testControls = enabled;
            return this;
        }

        /** A new, not yet started emulator. */
        public VaultEmulator build() {
            return new VaultEmulator(this);
        }
    }

    @Override
    public String toString() {
        HttpServer s = server;
        return "VaultEmulator[" + (s == null ? "stopped" : address()) + ", rootToken=<redacted>]";
    }
}
