package dev.vaultoidc.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultResponse;
import dev.vaultoidc.core.internal.auth.LoginMethod;
import dev.vaultoidc.core.internal.auth.LoginMethods;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@code VaultClient} obtains its Vault token. Instances are immutable configuration; the live
 * token state is a session opened by the client, which asks each method how to obtain, replace and
 * renew its tokens. {@code toString()} never shows a
 * credential.
 *
 * <ul>
 *   <li>{@link #token(String)}: a fixed token; {@link #renewingToken(String)} also renews it.</li>
 *   <li>{@link #tokenFile(Path)}: a token read from a file and re-read when the file changes (e.g.
 *       written by Vault Agent).</li>
 *   <li>{@link #appRole(String, String)}, {@link #appRole(String, Path)}: AppRole login.</li>
 *   <li>{@link #kubernetes(String)}: Kubernetes login with the pod's service-account token.</li>
 *   <li>{@link #jwt(String, Supplier)}: JWT/OIDC-method login with a JWT from the supplier.</li>
 *   <li>{@link #externalToken(String, Supplier)}: a token another component logs in for and renews (e.g.
 *       Spring Vault's {@code SessionManager}).</li>
 * </ul>
 * Login methods renew their token ahead of expiry and log in again when renewal is impossible.
 */
public abstract class VaultAuth {

    static {
        LoginMethods.install(auth -> ((VaultAuth) auth).loginMethod());
    }

    VaultAuth() {}

    /**
     * No credentials: requests carry no token. For clients that only read Vault's unauthenticated
     * paths, such as a token verifier fetching {@code identity/oidc/.well-known/*}; anything else
     * fails with {@link VaultErrorReason#PERMISSION_DENIED}.
     */
    public static VaultAuth none() {
        return NoAuth.INSTANCE;
    }

    /** A fixed token, used as is: no lookup, no renewal. */
    public static VaultAuth token(String token) {
        return new StaticTokenAuth(Secrets.requireText(token, "token"), false);
    }

    /**
     * A fixed token whose TTL is looked up ({@code auth/token/lookup-self}, allowed by Vault's default
     * policy) on first use, and which is then renewed ({@code auth/token/renew-self}) after two thirds
     * of its TTL while renewable, e.g. a periodic service token. It cannot be replaced: once Vault
     * stops renewing it, requests fail with {@link VaultErrorReason#PERMISSION_DENIED}. If the lookup
     * is refused the token is used as with {@link #token(String)}.
     */
    public static VaultAuth renewingToken(String token) {
        return new StaticTokenAuth(Secrets.requireText(token, "token"), true);
    }

    /** A token read from {@code file}, re-read whenever the file's content changes. */
    public static VaultAuth tokenFile(Path file) {
        return new TokenFileAuth(Objects.requireNonNull(file, "file"));
    }

    /** AppRole login at mount {@code approle}; use {@link AppRoleAuth#mount(String)} to change it. */
    public static AppRoleAuth appRole(String roleId, String secretId) {
        return new AppRoleAuth(
                "approle",
                Secrets.requireText(roleId, "roleId"),
                Secrets.fixed(Secrets.requireText(secretId, "secretId")));
    }

    /** AppRole login with the secret_id read from {@code secretIdFile} at each login. */
    public static AppRoleAuth appRole(String roleId, Path secretIdFile) {
        Objects.requireNonNull(secretIdFile, "secretIdFile");
        return new AppRoleAuth("approle", Secrets.requireText(roleId, "roleId"), Secrets.fromFile(secretIdFile));
    }

    /**
     * Kubernetes login for {@code role} at mount {@code kubernetes}, with the service-account token
     * read at each login from {@value KubernetesAuth#DEFAULT_TOKEN_FILE}.
     */
    public static KubernetesAuth kubernetes(String role) {
        return new KubernetesAuth(
                "kubernetes", Secrets.requireText(role, "role"), Path.of(KubernetesAuth.DEFAULT_TOKEN_FILE));
    }

    /** JWT login for {@code role} at mount {@code jwt}; {@code jwt} is called at each login. */
    public static JwtAuth jwt(String role, Supplier<String> jwt) {
        return new JwtAuth("jwt", Secrets.requireText(role, "role"), Objects.requireNonNull(jwt, "jwt"));
    }

    /**
     * A token that another component owns and keeps alive, such as Spring Vault's {@code SessionManager}:
     * the client never logs in, renews or revokes it. {@code token} is called before the first request,
     * about once a second afterwards (it should be cheap) so that a token its owner replaced is used from
     * then on, and again when Vault rejects the current token. A supplier failure, or a null or blank
     * token, fails the request with {@link VaultErrorReason#AUTHENTICATION_FAILED}.
     *
     * @param description names the source in logs and {@code toString()}; must not contain a credential
     */
    public static VaultAuth externalToken(String description, Supplier<String> token) {
        return new ExternalTokenAuth(
                Secrets.requireText(description, "description"), Objects.requireNonNull(token, "token"));
    }

    /** Obtains a fresh token: a login, or reading the configured token. */
    abstract TokenState obtain(VaultOperations unauthenticated, Clock clock);

    /** Whether a token Vault rejected as dead can be replaced by {@link #obtain}. */
    abstract boolean replacesRejectedToken();

    /** Whether requests carry a token at all. */
    boolean sendsToken() {
        return true;
    }

    /** Whether an obtained token's lifetime is learnt from {@code lookup-self}, so it can be renewed. */
    boolean looksUpLifetime() {
        return false;
    }

    /** A fingerprint of the token's source, or null when it cannot change. */
    Object sourceVersion() {
        return null;
    }

    /** This method's hooks as the client's token session sees them. */
    private LoginMethod loginMethod() {
        VaultAuth self = this;
        return new LoginMethod() {
            @Override
            public TokenState obtain(VaultOperations unauthenticated, Clock clock) {
                return self.obtain(unauthenticated, clock);
            }

            @Override
            public boolean replacesRejectedToken() {
                return self.replacesRejectedToken();
            }

            @Override
            public boolean sendsToken() {
                return self.sendsToken();
            }

            @Override
            public boolean looksUpLifetime() {
                return self.looksUpLifetime();
            }

            @Override
            public Object sourceVersion() {
                return self.sourceVersion();
            }

            @Override
            public String toString() {
                return self.toString(); // redacted by each method
            }
        };
    }

    /** Posts a login body and turns the {@code auth} block into a token state. */
    static TokenState login(
            VaultOperations ops, String mount, Map<String, String> body, boolean idempotent, Clock clock) {
        String path = "auth/" + mount + "/login";
        VaultResponse response;
        try {
            response = ops.write(path, body, idempotent).orElse(null);
        } catch (VaultException e) {
            if (e.status() == 400 || e.status() == 403) {
                // Vault rejected the credential: name it as an authentication failure. Vault's messages
                // ("invalid role or secret ID") never echo the credential.
                throw new VaultException(
                        VaultErrorReason.AUTHENTICATION_FAILED,
                        e.status(),
                        e.errors(),
                        e.method(),
                        e.path(),
                        null,
                        "login rejected",
                        e);
            }
            throw e;
        }
        JsonNode auth = response == null ? null : response.auth();
        if (auth == null
                || !auth.path("client_token").isTextual()
                || auth.get("client_token").asText().isEmpty()) {
            throw new VaultException(
                    VaultErrorReason.MALFORMED_RESPONSE,
                    200,
                    List.of(),
                    "POST",
                    path,
                    null,
                    "login response has no auth.client_token",
                    null);
        }
        return TokenState.issued(
                auth.get("client_token").asText(),
                auth.path("lease_duration").asLong(0),
                auth.path("renewable").asBoolean(false),
                clock.instant());
    }

    /**
     * AppRole login ({@code POST auth/{mount}/login} with {@code role_id} and {@code secret_id}).
     * Immutable; {@link #mount(String)} returns a copy.
     *
     * <p>The login is not retried on ambiguous failures: a secret_id may allow a bounded number of
     * uses, and a repeated login would spend one.
     */
    public static final class AppRoleAuth extends VaultAuth {
        private final String mount;
        private final String roleId;
        private final Supplier<String> secretId;

        AppRoleAuth(String mount, String roleId, Supplier<String> secretId) {
            this.mount = Mounts.check(mount);
            this.roleId = roleId;
            this.secretId = secretId;
        }

        /** The same login at another mount path, e.g. {@code "approle-prod"}. */
        public AppRoleAuth mount(String mount) {
            return new AppRoleAuth(mount, roleId, secretId);
        }

        @Override
        boolean replacesRejectedToken() {
            return true;
        }

        @Override
        TokenState obtain(VaultOperations unauthenticated, Clock clock) {
            return login(unauthenticated, mount, Map.of("role_id", roleId, "secret_id", secretId.get()), false, clock);
        }

        @Override
        public String toString() {
            return "VaultAuth.appRole(mount=" + mount + ", roleId=***, secretId=***)";
        }
    }

    /**
     * JWT login ({@code POST auth/{mount}/login} with {@code role} and {@code jwt}). The supplier is
     * called at each login so it can hand out a fresh JWT. Immutable; {@link #mount(String)} returns a
     * copy.
     */
    public static final class JwtAuth extends VaultAuth {
        private final String mount;
        private final String role;
        private final Supplier<String> jwt;

        JwtAuth(String mount, String role, Supplier<String> jwt) {
            this.mount = Mounts.check(mount);
            this.role = role;
            this.jwt = jwt;
        }

        /** The same login at another mount path, e.g. {@code "oidc"} or {@code "jwt-github"}. */
        public JwtAuth mount(String mount) {
            return new JwtAuth(mount, role, jwt);
        }

        @Override
        boolean replacesRejectedToken() {
            return true;
        }

        @Override
        TokenState obtain(VaultOperations unauthenticated, Clock clock) {
            String token = Secrets.requireText(jwt.get(), "jwt");
            // A repeated login only issues another token, so it may be retried like a read.
            return login(unauthenticated, mount, Map.of("role", role, "jwt", token), true, clock);
        }

        @Override
        public String toString() {
            return "VaultAuth.jwt(mount=" + mount + ", role=" + role + ", jwt=***)";
        }
    }

    /**
     * Kubernetes login ({@code POST auth/{mount}/login} with {@code role} and {@code jwt}). The
     * service-account token is read at each login, because the kubelet rotates projected tokens.
     * Immutable; the {@code with} methods return copies.
     */
    public static final class KubernetesAuth extends VaultAuth {
        /** Where Kubernetes mounts the pod's service-account token. */
        public static final String DEFAULT_TOKEN_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/token";

        private final String mount;
        private final String role;
        private final Path tokenFile;

        KubernetesAuth(String mount, String role, Path tokenFile) {
            this.mount = Mounts.check(mount);
            this.role = role;
            this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
        }

        /** The same login at another mount path. */
        public KubernetesAuth mount(String mount) {
            return new KubernetesAuth(mount, role, tokenFile);
        }

        /** Reads the service-account token from another file (e.g. a projected token with a Vault audience). */
        public KubernetesAuth serviceAccountTokenFile(Path tokenFile) {
            return new KubernetesAuth(mount, role, tokenFile);
        }

        @Override
        boolean replacesRejectedToken() {
            return true;
        }

        @Override
        TokenState obtain(VaultOperations unauthenticated, Clock clock) {
            // A repeated login only issues another short-lived token, so it may be retried like a read.
            return login(unauthenticated, mount, Map.of("role", role, "jwt", Secrets.readFile(tokenFile)), true, clock);
        }

        @Override
        public String toString() {
            return "VaultAuth.kubernetes(mount=" + mount + ", role=" + role + ", tokenFile=" + tokenFile + ")";
        }
    }
}
