package dev.vaultoidc.examples;

/**
 * Where the demo finds Vault: {@code VAULT_ADDR} and {@code VAULT_TOKEN} as the Vault CLI reads them.
 * When neither is set, the demo starts an embedded emulator. {@link #toString()} never shows the token.
 *
 * @param vaultAddr  Vault's address, e.g. {@code https://vault.example.com:8200}, or null
 * @param vaultToken a token allowed to enable auth methods and administer {@code identity/}, or null
 */
public record Env(String vaultAddr, String vaultToken) {

    /** The process environment's {@code VAULT_ADDR} and {@code VAULT_TOKEN}. */
    public static Env fromSystem() {
        return new Env(System.getenv("VAULT_ADDR"), System.getenv("VAULT_TOKEN"));
    }

    /** No Vault given: the demo runs against an embedded emulator. */
    public static Env embedded() {
        return new Env(null, null);
    }

    /** Whether a Vault was given (both variables set and not blank). */
    boolean hasVault() {
        return !blank(vaultAddr) && !blank(vaultToken);
    }

    /** Exactly one of the two is set: a mistake worth stopping for rather than silently using the emulator. */
    boolean isHalfSet() {
        return blank(vaultAddr) != blank(vaultToken);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "Env[vaultAddr=" + vaultAddr + ", vaultToken=" + (blank(vaultToken) ? "<unset>" : "<redacted>") + "]";
    }
}
