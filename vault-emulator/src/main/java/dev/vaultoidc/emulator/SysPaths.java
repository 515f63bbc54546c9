package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code sys/health} and {@code sys/auth} (enable, read, list, disable auth methods). */
final class SysPaths {

    /** The Vault version the emulator claims; the identity behaviour follows spec rules for 1.20. */
    static final String VERSION = "1.20.0";

    private final Clock clock;
    private final AuthMounts mounts;
    private final Consumer<AuthMounts.Mount> unmounted;
    private final Flavour flavour;
    private final String clusterId = Ids.uuid();

    /** {@code unmounted} removes what depended on a disabled auth method (aliases, AppRole state). */
    SysPaths(Clock clock, AuthMounts mounts, Consumer<AuthMounts.Mount> unmounted, Flavour flavour) {
        this.clock = clock;
        this.mounts = mounts;
        this.unmounted = unmounted;
        this.flavour = flavour;
    }

    void register(Router r) {
        // sys/health is an HTTP handler of its own: other methods get 405 with an empty error list
        // (internal/http/sys_health.go, Vault's http/sys_health.go alike).
        Router.Handler notAllowed = req -> EmulatorResponse.error(405);
        r.add("sys/health", (String[]) null)
                .on("GET", req -> health())
                .on("POST", notAllowed)
                .on("DELETE", notAllowed)
                .on("LIST", notAllowed);
        r.add("sys/seal-status", (String[]) null).on("GET", req -> sealStatus());
        r.add("sys/auth", (String[]) null).on("GET", req -> list());
        r.add(
                        "sys/auth/*path",
                        "path",
                        "type",
                        "description",
                        "config",
                        "local",
                        "seal_wrap",
                        "options",
                        "plugin_name",
                        "plugin_version",
                        "external_entropy_access")
                .on("GET", req -> read(req.body().get("path").toString()))
                .on("POST", req -> enable(req.body()))
                .on("DELETE", req -> disable(req.body().get("path").toString()));
    }

    private EmulatorResponse health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("initialized", true);
        h.put("sealed", false);
        h.put("standby", false);
        if (flavour == Flavour.VAULT) { // OpenBao 2.7 has no performance standbys (internal/http/sys_health.go)
            h.put("performance_standby", false);
        }
        h.put("replication_performance_mode", "disabled");
        h.put("replication_dr_mode", "disabled");
        h.put("server_time_utc", clock.instant().getEpochSecond());
        h.put("version", VERSION);
        if (flavour == Flavour.VAULT) {
            // Vault-only fields: OpenBao 2.7's HealthResponse has no enterprise flag and no echo, clock
            // skew or canary figures (internal/http/sys_health.go).
            h.put("enterprise", false);
        }
        h.put("cluster_name", "vault-emulator");
        h.put("cluster_id", clusterId);
        if (flavour == Flavour.VAULT) {
            h.put("echo_duration_ms", 0);
            h.put("clock_skew_ms", 0);
            h.put("replication_primary_canary_age_ms", 0);
        }
        return EmulatorResponse.raw(h, null);
    }

    private EmulatorResponse sealStatus() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "shamir");
        s.put("initialized", true);
        s.put("sealed", false);
        s.put("t", 1);
        s.put("n", 1);
        s.put("progress", 0);
        s.put("nonce", "");
        s.put("version", VERSION);
        // OpenBao 2.7 reports commit_date where Vault reports build_date (api/sys_seal.go).
        s.put(flavour == Flavour.OPENBAO ? "commit_date" : "build_date", "2025-06-01T00:00:00Z");
        s.put("migration", false);
        s.put("cluster_name", "vault-emulator");
        s.put("cluster_id", clusterId);
        s.put("recovery_seal", false);
        s.put("storage_type", "inmem");
        return EmulatorResponse.raw(s, null);
    }

    private Map<String, Object> describe(AuthMounts.Mount m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("accessor", m.accessor());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("default_lease_ttl", 0);
        config.put("force_no_cache", false);
        config.put("max_lease_ttl", 0);
        config.put("token_type", "default-service");
        d.put("config", config);
        if (flavour == Flavour.VAULT || !m.type().equals("token")) {
            // OpenBao 2.7 sends it only for plugins with a deprecation entry in its builtin registry,
            // which has none for token (internal/vault/logical_system.go mountInfo).
            d.put("deprecation_status", "supported");
        }
        d.put("description", m.description());
        d.put("external_entropy_access", false);
        d.put("local", m.local());
        // Enabling through sys/auth stores the (empty) options map; only the token mount, which the
        // server sets up itself, has none (seen on OpenBao 2.7.2; Vault's handleEnableAuth is the same).
        d.put("options", m.type().equals("token") ? null : Map.of());
        d.put("plugin_version", "");
        d.put("running_plugin_version", "v" + VERSION + "+builtin.vault");
        d.put("running_sha256", "");
        d.put("seal_wrap", false);
        d.put("type", m.type());
        d.put("uuid", m.uuid());
        return d;
    }

    /**
     * Vault still answers {@code GET sys/auth} with the mounts both at the top level (the pre-0.6
     * shape that hvac users index directly) and under {@code data}: the legacy sys envelope.
     */
    private EmulatorResponse list() {
        Map<String, Object> data = new LinkedHashMap<>();
        mounts.all().values().forEach(m -> data.put(m.path(), describe(m)));
        return EmulatorResponse.legacySys(data, flavour);
    }

    private EmulatorResponse read(String path) {
        // Like the list, reading one mount repeats its fields at the top level of the answer (the
        // legacy sys/ shape; seen on OpenBao 2.7.2, the same code as Vault's).
        return mounts.byPath(path)
                .map(m -> EmulatorResponse.legacySys(describe(m), flavour))
                .orElseGet(() -> badRequest("No auth engine at " + AuthMounts.normalise(path)));
    }

    private EmulatorResponse enable(Map<String, Object> d) {
        String path = AuthMounts.normalise(d.get("path").toString());
        String type = Fields.string(d, "type").orElse("");
        String description = Fields.string(d, "description").orElse("");
        boolean local = Fields.bool(d, "local").orElse(false);
        if (type.isEmpty()) {
            return badRequest("backend type must be specified as a string");
        }
        if (type.equals("token")) {
            return badRequest("token credential backend cannot be instantiated");
        }
        if (!AuthMounts.KNOWN_TYPES.contains(type)) {
            return badRequest("plugin not found in the catalog: " + type);
        }
        if (mounts.byPath(path).isPresent()) {
            return badRequest("path is already in use at " + path);
        }
        mounts.enable(path, type, description, local);
        return EmulatorResponse.noContent();
    }

    private EmulatorResponse disable(String path) {
        if (AuthMounts.normalise(path).equals("token/")) {
            return badRequest("token credential backend cannot be disabled");
        }
        mounts.disable(path).ifPresent(unmounted);
        return EmulatorResponse.noContent();
    }
}
