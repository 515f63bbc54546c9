package dev.vaultoidc.emulator.acl;

import java.util.Locale;

/**
 * The capabilities a policy path block can grant, with the bit Vault gives each.
 *
 * <p>{@code subscribe} and {@code recover} are accepted because Vault 1.20 accepts them (OpenBao
 * refuses both as {@code invalid capability}).
 *
 * <p>{@code deny} wins over everything: a path with {@code deny} has no other capability, whatever
 * else the policies grant on it.
 */
public enum Capability {
    DENY(1),
    CREATE(1 << 1),
    READ(1 << 2),
    UPDATE(1 << 3),
    DELETE(1 << 4),
    LIST(1 << 5),
    SUDO(1 << 6),
    PATCH(1 << 7),
    /** Vault 1.16+: subscribe to events on the path (no emulated endpoint needs it). */
    SUBSCRIBE(1 << 8),
    /** Vault 1.20+: recover data from a snapshot (no emulated endpoint needs it). */
    RECOVER(1 << 9);

    final int bit;

    Capability(int bit) {
        this.bit = bit;
    }

    /** The name used in policies and in {@code sys/capabilities*} answers ({@code read}, …). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The capability with this policy name, or null if Vault does not know it. */
    static Capability fromWire(String name) {
        for (Capability c : values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
