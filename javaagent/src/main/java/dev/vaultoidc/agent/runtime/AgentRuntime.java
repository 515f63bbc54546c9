package dev.vaultoidc.agent.runtime;

import dev.vaultoidc.agent.config.AgentSettings;
import dev.vaultoidc.agent.config.InvalidSettingException;
import dev.vaultoidc.agent.config.PropertyTable;
import dev.vaultoidc.agent.config.Settings;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.auth.VaultAuth.AppRoleAuth;
import dev.vaultoidc.core.http.VaultTls;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.core.oidc.IdToken;
import dev.vaultoidc.core.verify.SignatureProvider;
import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.TokenVerifier.JwksHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's one point of contact with oidc-core: it builds the {@link VaultClient}, the {@link TokenVerifier}
 * and the {@link IdTokenSupplier} from the settings (mirroring the Spring starter's {@code VaultClients} and
 * {@code TokenVerifiers}, property for property), and runs the {@code check} probes. Everything else in the agent
 * sees plain Java types, so an API change in oidc-core is adapted here alone.
 */
public final class AgentRuntime implements AutoCloseable {
    private static final String P = PropertyTable.PREFIX;

    private final VaultClient vault;
    private final TokenVerifier verifier;
    private final IdTokenSupplier idTokens;

    private AgentRuntime(VaultClient vault, TokenVerifier verifier, IdTokenSupplier idTokens) {
        this.vault = vault;
        this.verifier = verifier;
        this.idTokens = idTokens;
    }

    /**
     * Builds what the settings ask for. Nothing here calls Vault: keys and tokens are fetched later, in the
     * background ({@link #warmUp()}), so a Vault that is down does not stop the application.
     *
     * @throws InvalidSettingException naming the property when the library rejects a value
     */
    public static AgentRuntime build(AgentSettings settings) {
        Settings s = settings.raw();
        boolean needsVault =
                settings.outbound() != null || (settings.inbound() != null && s.bool("introspection.enabled", false));
        VaultClient vault = needsVault ? vaultClient(s) : null;
        TokenVerifier verifier = settings.inbound() != null ? verifier(s, vault) : null;
        IdTokenSupplier idTokens = null;
        if (settings.outbound() != null) {
            String role = settings.outbound().role();
            idTokens = apply("agent.outbound.role", () -> vault.idTokens(role).build());
        }
        return new AgentRuntime(vault, verifier, idTokens);
    }

    /** The verifier for inbound requests ({@code TokenVerifier}), or null; typed Object to keep oidc-core here. */
    public Object verifier() {
        return verifier;
    }

    /** Outbound ID tokens, or null. {@link Supplier#get()} throws when no valid token can be had. */
    public Supplier<String> idTokens() {
        return idTokens;
    }

    /** The issuers whose tokens are accepted, for the startup line. */
    public List<String> issuers() {
        return verifier == null ? List.of() : List.copyOf(verifier.issuers());
    }

    /**
     * Fetches keys (and an ID token) in the background. Failures are logged by the library and retried; inbound
     * requests get 503 until keys are there.
     */
    public void warmUp() {
        if (verifier != null) {
            verifier.warmUp();
        }
        if (idTokens != null) {
            Thread t = new Thread(
                    () -> {
                        try {
                            idTokens.get();
                        } catch (RuntimeException e) {
                            // Logged by the supplier; the first outbound call retries.
                        }
                    },
                    "vault-oidc-agent-id-token-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * The {@code check} command's probes: reach Vault's discovery and JWKS once, fetch one ID token and, when
     * its audience is accepted, verify it. Each line starts with {@code OK} or {@code PROBLEM}.
     */
    public List<String> check(Duration timeout) {
        List<String> out = new ArrayList<>();
        if (verifier != null) {
            boolean ready;
            try {
                ready = verifier.refreshKeys().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                ready = false;
            }
            for (JwksHealth h : verifier.health()) {
                if (ready && h.ready()) {
                    out.add("OK      keys of issuer " + h.issuer() + ": " + h.keyCount() + " key(s)");
                } else {
                    out.add("PROBLEM keys of issuer " + h.issuer() + " unavailable"
                            + (h.lastError() == null ? "" : ": " + h.lastError())
                            + " -> check vault.oidc.address / vault.oidc.issuer-uri, vault.oidc.namespace and TLS");
                }
            }
            SignatureProvider.Status sig = verifier.signatureStatus();
            out.add(
                    sig.active() == SignatureProvider.NATIVE
                            ? "OK      signatures checked by " + sig.nativeProvider() + " for "
                                    + String.join(", ", sig.nativeAlgorithms())
                            : "NOTE    signatures checked by the JDK"
                                    + (sig.fallbackDetail() == null ? "" : ": " + sig.fallbackDetail()));
        }
        if (idTokens != null) {
            try {
                IdToken t = idTokens.current();
                out.add("OK      ID token for the outbound role: client_id " + t.clientId() + ", lifetime "
                        + t.lifetime());
                if (verifier != null) {
                    try {
                        verifier.verify(t.token());
                        out.add("OK      that ID token passes this agent's own inbound verification");
                    } catch (TokenVerificationException e) {
                        out.add("NOTE    that ID token would not pass this agent's inbound verification (" + e.reason()
                                + "); fine if its audience is another service's");
                    }
                }
            } catch (RuntimeException e) {
                out.add("PROBLEM no ID token for vault.oidc.agent.outbound.role: " + e.getMessage()
                        + " -> check the login (vault.oidc.auth.*) and its policy on identity/oidc/token/<role>");
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (idTokens != null) {
            idTokens.close();
        }
        if (verifier != null) {
            verifier.close();
        }
    }

    // ---- wiring, as the Spring starter's VaultClients / TokenVerifiers ----

    private static VaultClient vaultClient(Settings s) {
        String address = s.text("address");
        VaultClient.Builder b = VaultClient.builder();
        apply("address", () -> b.address(address));
        if (s.has("namespace")) {
            apply("namespace", () -> b.namespace(s.text("namespace")));
        }
        b.auth(auth(s));
        VaultTls tls = tls(s);
        if (tls != null) {
            b.tls(tls);
        }
        return apply("address", b::build);
    }

    private static VaultTls tls(Settings s) {
        Path ca = s.path("tls.ca-bundle");
        Path cert = s.path("tls.client-certificate");
        Path key = s.path("tls.client-key");
        if (ca == null && cert == null && key == null) {
            return null;
        }
        VaultTls.Builder b = VaultTls.builder();
        if (ca != null) {
            apply("tls.ca-bundle", () -> VaultTls.builder().caBundlePem(ca).build());
            b.caBundlePem(ca);
        }
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new InvalidSettingException(
                        P + (key == null ? "tls.client-key" : "tls.client-certificate"),
                        "mutual TLS needs both vault.oidc.tls.client-certificate and vault.oidc.tls.client-key");
            }
            apply(
                    "tls.client-certificate",
                    () -> VaultTls.builder().clientCertificatePem(cert, key).build());
            b.clientCertificatePem(cert, key);
        }
        return apply("tls.ca-bundle", b::build);
    }

    private static VaultAuth auth(Settings s) {
        String method = s.has("auth.method")
                ? s.text("auth.method").toLowerCase(Locale.ROOT).replace('_', '-')
                : s.has("auth.token")
                        ? "token"
                        : s.has("auth.token-file")
                                ? "token-file"
                                : s.has("auth.approle.role-id")
                                        ? "approle"
                                        : s.has("auth.kubernetes.role")
                                                ? "kubernetes"
                                                : s.has("auth.jwt.role") ? "jwt" : "none";
        switch (method) {
            case "none":
                return VaultAuth.none();
            case "token":
                require(s, "auth.token", "auth method 'token' needs a token");
                return s.bool("auth.renew", false)
                        ? VaultAuth.renewingToken(s.text("auth.token"))
                        : VaultAuth.token(s.text("auth.token"));
            case "token-file":
            case "tokenfile":
                require(s, "auth.token-file", "auth method 'token-file' needs a file");
                return VaultAuth.tokenFile(s.path("auth.token-file"));
            case "approle": {
                require(s, "auth.approle.role-id", "auth method 'approle' needs a role_id");
                boolean inline = s.has("auth.approle.secret-id");
                if (inline == s.has("auth.approle.secret-id-file")) {
                    throw new InvalidSettingException(
                            P + (inline ? "auth.approle.secret-id-file" : "auth.approle.secret-id"),
                            "set exactly one of vault.oidc.auth.approle.secret-id and "
                                    + "vault.oidc.auth.approle.secret-id-file");
                }
                AppRoleAuth a = inline
                        ? VaultAuth.appRole(s.text("auth.approle.role-id"), s.text("auth.approle.secret-id"))
                        : VaultAuth.appRole(s.text("auth.approle.role-id"), s.path("auth.approle.secret-id-file"));
                return s.has("auth.approle.mount") ? a.mount(s.text("auth.approle.mount")) : a;
            }
            case "kubernetes": {
                require(s, "auth.kubernetes.role", "auth method 'kubernetes' needs a role");
                var k = VaultAuth.kubernetes(s.text("auth.kubernetes.role"));
                if (s.has("auth.kubernetes.mount")) {
                    k = k.mount(s.text("auth.kubernetes.mount"));
                }
                if (s.has("auth.kubernetes.service-account-token-file")) {
                    k = k.serviceAccountTokenFile(s.path("auth.kubernetes.service-account-token-file"));
                }
                return k;
            }
            case "jwt": {
                require(s, "auth.jwt.role", "auth method 'jwt' needs a role");
                require(s, "auth.jwt.token-file", "auth method 'jwt' needs the file holding the JWT");
                Path file = s.path("auth.jwt.token-file");
                var j = VaultAuth.jwt(s.text("auth.jwt.role"), () -> read(file));
                return s.has("auth.jwt.mount") ? j.mount(s.text("auth.jwt.mount")) : j;
            }
            default:
                throw new InvalidSettingException(P + "auth.method", "unknown method '" + method + "'");
        }
    }

    private static TokenVerifier verifier(Settings s, VaultClient vault) {
        TokenVerifier.Builder b = TokenVerifier.builder();
        if (s.has("issuer-uri")) {
            apply("issuer-uri", () -> b.issuer(s.text("issuer-uri")));
        } else {
            apply("address", () -> b.vaultAddress(s.text("address")));
            if (s.has("namespace")) {
                apply("namespace", () -> b.namespace(s.text("namespace")));
            }
        }
        apply("audiences", () -> b.audiences(s.list("audiences").toArray(String[]::new)));
        if (s.has("jws-algorithms")) {
            apply("jws-algorithms", () -> b.algorithms(s.list("jws-algorithms").toArray(String[]::new)));
        }
        apply("clock-skew", () -> b.clockSkew(s.duration("clock-skew", TokenVerifier.Builder.DEFAULT_CLOCK_SKEW)));
        apply(
                "max-token-size",
                () -> b.maxTokenSize((int) Math.min(
                        Integer.MAX_VALUE, s.number("max-token-size", TokenVerifier.Builder.DEFAULT_MAX_TOKEN_SIZE))));
        if (s.has("signature-provider")) {
            SignatureProvider provider =
                    SignatureProvider.valueOf(s.text("signature-provider").toUpperCase(Locale.ROOT));
            apply("signature-provider", () -> b.signatureProvider(provider));
        }
        apply(
                "jwks.max-ttl",
                () -> b.jwksTtlRange(
                        s.duration("jwks.min-ttl", TokenVerifier.Builder.DEFAULT_JWKS_MIN_TTL),
                        s.duration("jwks.max-ttl", TokenVerifier.Builder.DEFAULT_JWKS_MAX_TTL)));
        apply(
                "jwks.fallback-ttl",
                () -> b.jwksFallbackTtl(
                        s.duration("jwks.fallback-ttl", TokenVerifier.Builder.DEFAULT_JWKS_FALLBACK_TTL)));
        apply(
                "jwks.refresh-ahead",
                () -> b.refreshAhead(s.duration("jwks.refresh-ahead", TokenVerifier.Builder.DEFAULT_REFRESH_AHEAD)));
        apply(
                "jwks.max-staleness",
                () -> b.maxStaleness(s.duration("jwks.max-staleness", TokenVerifier.Builder.DEFAULT_MAX_STALENESS)));
        apply(
                "jwks.retry-interval",
                () -> b.retryInterval(s.duration("jwks.retry-interval", TokenVerifier.Builder.DEFAULT_RETRY_INTERVAL)));
        apply(
                "jwks.unknown-kid-refresh-interval",
                () -> b.unknownKidRefreshInterval(s.duration(
                        "jwks.unknown-kid-refresh-interval",
                        TokenVerifier.Builder.DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL)));
        apply(
                "jwks.fetch-wait",
                () -> b.fetchWait(s.duration("jwks.fetch-wait", TokenVerifier.Builder.DEFAULT_FETCH_WAIT)));
        Duration httpTimeout = s.duration("jwks.http-timeout", TokenVerifier.Builder.DEFAULT_HTTP_TIMEOUT);
        apply("jwks.http-timeout", () -> b.httpTimeout(httpTimeout));
        VaultTls tls = tls(s);
        if (tls != null) {
            b.tls(tls);
        }
        apply(
                "token-cache.maximum-size",
                () -> b.tokenCacheSize(
                        s.number("token-cache.maximum-size", TokenVerifier.Builder.DEFAULT_TOKEN_CACHE_SIZE)));
        if (s.bool("introspection.enabled", false)) {
            Duration ttl = s.duration("introspection.cache-ttl", TokenVerifier.Builder.DEFAULT_INTROSPECTION_CACHE_TTL);
            apply(
                    "introspection.cache-ttl",
                    () -> b.introspector(vault.identity().oidc().introspector(), ttl));
        }
        return apply(s.has("issuer-uri") ? "issuer-uri" : "address", () -> {
            try {
                return b.build();
            } catch (SignatureProvider.UnavailableException e) {
                // native without a usable ACCP: the message says why (absent, platform, self-test).
                throw new InvalidSettingException(P + "signature-provider", e.getMessage());
            }
        });
    }

    private static void require(Settings s, String name, String reason) {
        if (!s.has(name)) {
            throw new InvalidSettingException(P + name, reason);
        }
    }

    private static <T> T apply(String property, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new InvalidSettingException(P + property, String.valueOf(e.getMessage()));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT file " + file, e);
        }
    }
}
