package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.auth.VaultAuth.AppRoleAuth;
import dev.vaultoidc.core.http.VaultTls;
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
        return build(p, auth(p.getAuth()));
    }

    /** The client for {@code p}'s address, namespace and TLS, logged in by {@code auth}. */
    static VaultClient build(VaultOidcProperties p, VaultAuth auth) {
        String address = PropertyChecks.requireHttpUrl("address", p.getAddress());
        VaultClient.Builder b = VaultClient.builder();
        PropertyChecks.apply("address", address, () -> b.address(address));
        b.namespace(p.getNamespace());
        b.auth(auth);
        VaultTls tls = tls(p.getTls());
        if (tls != null) {
            b.tls(tls);
        }
        return b.build();
    }

    /** The configured TLS, or null for the platform's. Read now, so a bad file fails startup naming it. */
    static VaultTls tls(VaultOidcProperties.Tls t) {
        if (t.getCaBundle() == null && t.getClientCertificate() == null && t.getClientKey() == null) {
            return null;
        }
        VaultTls.Builder b = VaultTls.builder();
        if (t.getCaBundle() != null) {
            // VaultTls reports file errors at build(): check this file alone first, to name its property.
            PropertyChecks.apply(
                    "tls.ca-bundle",
                    t.getCaBundle(),
                    () -> VaultTls.builder().caBundlePem(t.getCaBundle()).build());
            b.caBundlePem(t.getCaBundle());
        }
        if (t.getClientCertificate() != null || t.getClientKey() != null) {
            if (t.getClientCertificate() == null || t.getClientKey() == null) {
                throw PropertyChecks.missing(
                        t.getClientKey() == null ? "tls.client-key" : "tls.client-certificate",
                        "mutual TLS needs both vault.oidc.tls.client-certificate and vault.oidc.tls.client-key");
            }
            PropertyChecks.apply(
                    "tls.client-certificate",
                    t.getClientCertificate(),
                    () -> VaultTls.builder()
                            .clientCertificatePem(t.getClientCertificate(), t.getClientKey())
                            .build());
            b.clientCertificatePem(t.getClientCertificate(), t.getClientKey());
        }
        return PropertyChecks.apply("tls", null, b::build);
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
                PropertyChecks.requireText(
                        "auth.kubernetes.role", k.getRole(), "auth method 'kubernetes' needs a role");
                return VaultAuth.kubernetes(k.getRole())
                        .mount(k.getMount())
                        .serviceAccountTokenFile(k.getServiceAccountTokenFile());
            }
            case JWT: {
                VaultOidcProperties.Jwt j = a.getJwt();
                PropertyChecks.requireText("auth.jwt.role", j.getRole(), "auth method 'jwt' needs a role");
                if (j.getTokenFile() == null) {
                    throw PropertyChecks.missing(
                            "auth.jwt.token-file", "auth method 'jwt' needs the file holding the JWT");
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
            throw PropertyChecks.missing(
                    inline ? "auth.approle.secret-id-file" : "auth.approle.secret-id",
                    "set exactly one of vault.oidc.auth.approle.secret-id and vault.oidc.auth.approle.secret-id-file");
        }
        AppRoleAuth auth = inline
                ? VaultAuth.appRole(r.getRoleId(), r.getSecretId())
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
