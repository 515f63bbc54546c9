package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.AppRoleAuth;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.spring.VaultOidcProperties.AuthMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the {@link VaultClient} and its {@link VaultAuth} from {@link VaultOidcProperties}. */
final class VaultClients {
    private VaultClients() {}

    static VaultClient build(VaultOidcProperties p) {
        String address = PropertyChecks.requireHttpUrl("address", p.getAddress());
        VaultClient.Builder b = VaultClient.builder();
        PropertyChecks.apply("address", address, () -> b.address(address));
        b.namespace(p.getNamespace());
        b.auth(auth(p.getAuth()));
        return b.build();
    }

    /** The configured method, or the one whose settings are present (token first: the most explicit). */
    static AuthMethod method(VaultOidcProperties.Auth a) {
        if (a.getMethod() != null) {
            return a.getMethod();
        }
        if (hasText(a.getToken())) {
            return AuthMethod.TOKEN;
        }
        if (a.getTokenFile() != null) {
            return AuthMethod.TOKEN_FILE;
        }
        if (hasText(a.getApprole().getRoleId())) {
            return AuthMethod.APPROLE;
        }
        if (hasText(a.getKubernetes().getRole())) {
            return AuthMethod.KUBERNETES;
        }
        if (hasText(a.getJwt().getRole())) {
            return AuthMethod.JWT;
        }
        return AuthMethod.NONE;
    }

    static VaultAuth auth(VaultOidcProperties.Auth a) {
        switch (method(a)) {
            case NONE:
                return VaultAuth.none();
            case TOKEN: {
                if (!hasText(a.getToken())) {
                    throw PropertyChecks.missing("auth.token", "auth method 'token' needs a token");
                }
                return a.isRenew() ? VaultAuth.renewingToken(a.getToken()) : VaultAuth.token(a.getToken());
            }
            case TOKEN_FILE: {
                if (a.getTokenFile() == null) {
                    throw PropertyChecks.missing("auth.token-file", "auth method 'token-file' needs a file");
                }
                return VaultAuth.tokenFile(a.getTokenFile());
            }
            case APPROLE:
                return appRole(a.getApprole());
            case KUBERNETES: {
                VaultOidcProperties.Kubernetes k = a.getKubernetes();
                PropertyChecks.requireText("auth.kubernetes.role", k.getRole(), "auth method 'kubernetes' needs a role");
                return VaultAuth.kubernetes(k.getRole()).mount(k.getMount())
                        .serviceAccountTokenFile(k.getServiceAccountTokenFile());
            }
            case JWT: {
                VaultOidcProperties.Jwt j = a.getJwt();
                PropertyChecks.requireText("auth.jwt.role", j.getRole(), "auth method 'jwt' needs a role");
                if (j.getTokenFile() == null) {
                    throw PropertyChecks.missing("auth.jwt.token-file", "auth method 'jwt' needs the file holding the JWT");
                }
                Path file = j.getTokenFile();
                // Read at each login: projected tokens are rotated on disk.
                return VaultAuth.jwt(j.getRole(), () -> read(file)).mount(j.getMount());
            }
            default:
                throw new IllegalStateException("unhandled auth method");
        }
    }

    private static VaultAuth appRole(VaultOidcProperties.AppRole r) {
        PropertyChecks.requireText("auth.approle.role-id", r.getRoleId(), "auth method 'approle' needs a role_id");
        boolean inline = hasText(r.getSecretId());
        if (inline == (r.getSecretIdFile() != null)) {
            throw PropertyChecks.missing(inline ? "auth.approle.secret-id-file" : "auth.approle.secret-id",
                    "set exactly one of vault.oidc.auth.approle.secret-id and vault.oidc.auth.approle.secret-id-file");
        }
        AppRoleAuth auth = inline ? VaultAuth.appRole(r.getRoleId(), r.getSecretId())
                : VaultAuth.appRole(r.getRoleId(), r.getSecretIdFile());
        return auth.mount(r.getMount());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT file " + file, e);
        }
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
