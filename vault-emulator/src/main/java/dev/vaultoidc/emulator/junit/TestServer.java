package dev.vaultoidc.emulator.junit;

import dev.vaultoidc.emulator.VaultEmulator;
import java.util.Objects;

/**
 * The server a {@link BothServers} test runs against: its address, root token and kind. Tests
 * write one body for both kinds; {@link #isEmulator()} guards the rare emulator-only check, which
 * should say why it cannot run against a real server.
 */
public final class TestServer {

    /** Which server. */
    public enum Kind {
        /** The in-memory {@link VaultEmulator}. */
        EMULATOR,
        /** A real OpenBao dev server ({@code bao server -dev}). */
        OPENBAO
    }

    private final Kind kind;
    private final String address;
    private final String rootToken;
    private final VaultEmulator emulator;

    private TestServer(Kind kind, String address, String rootToken, VaultEmulator emulator) {
        this.kind = kind;
        this.address = Objects.requireNonNull(address, "address");
        this.rootToken = Objects.requireNonNull(rootToken, "rootToken");
        this.emulator = emulator;
    }

    /** Wraps a running emulator. */
    public static TestServer of(VaultEmulator emulator) {
        return new TestServer(Kind.EMULATOR, emulator.address(), emulator.rootToken(), emulator);
    }

    /** Wraps a running OpenBao (or any real Vault-compatible server) at {@code address}. */
    public static TestServer openBao(String address, String rootToken) {
        return new TestServer(Kind.OPENBAO, address, rootToken, null);
    }

    /** Which server this is. */
    public Kind kind() {
        return kind;
    }

    /** True for the emulator. */
    public boolean isEmulator() {
        return kind == Kind.EMULATOR;
    }

    /** {@code http://127.0.0.1:<port>}, what {@code VAULT_ADDR} would be. */
    public String address() {
        return address;
    }

    /** A root token of the server. */
    public String rootToken() {
        return rootToken;
    }

    /**
     * The emulator itself, for its test controls (clock, faults, request log).
     *
     * @throws IllegalStateException when this is OpenBao: guard with {@link #isEmulator()}
     */
    public VaultEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("not the emulator but " + this);
        }
        return emulator;
    }

    /** {@code emulator} or {@code openbao}: the display name of the test run. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
