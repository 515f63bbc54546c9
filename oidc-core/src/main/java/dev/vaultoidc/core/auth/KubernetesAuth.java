package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes login ({@code POST auth/{mount}/login} with {@code role} and {@code jwt}). The
 * service-account token is read at each login, because the kubelet rotates projected tokens.
 * Immutable; the {@code with} methods return copies.
 */
public final class KubernetesAuth extends VaultAuth {
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
