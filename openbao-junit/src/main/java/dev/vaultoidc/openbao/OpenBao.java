package dev.vaultoidc.openbao;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a test gets from {@link OpenBaoServer}: the running dev server's address and root token.
 * The server belongs to the extension (one per test class); a test cannot stop it.
 */
public final class OpenBao {

    private final OpenBaoDevServer server;

    OpenBao(OpenBaoDevServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /** {@code http://127.0.0.1:<port>}, what {@code VAULT_ADDR} would be. */
    public String address() {
        return server.address();
    }

    /** The root token: may call every path. */
    public String rootToken() {
        return server.rootToken();
    }

    /** The API port. */
    public int port() {
        return server.port();
    }

    /** E.g. {@code OpenBao v2.7.2 (9e0a0d3c...)}. */
    public String version() {
        return server.binary().version();
    }

    /** The server's log while it runs; worth reading when a test against it fails. */
    public Path logFile() {
        return server.logFile();
    }

    /** For this package's tests: the process behind the handle. */
    OpenBaoDevServer server() {
        return server;
    }

    @Override
    public String toString() {
        return "OpenBao[" + address() + ", rootToken=<redacted>]";
    }
}
