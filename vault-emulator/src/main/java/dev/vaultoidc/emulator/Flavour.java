package dev.vaultoidc.emulator;

/**
 * Which real server the emulator answers like, where HashiCorp Vault and OpenBao differ. Both share
 * Vault's identity engine, so the differences are few; {@code docs/emulator.md} ("Flavours") lists
 * each one and how it was checked.
 */
public enum Flavour {

    /** HashiCorp Vault's behaviour as Vault's source implements it; the default. */
    VAULT,

    /** OpenBao's behaviour, checked against an OpenBao 2.7.2 dev server. */
    OPENBAO;

    /** The flavour named {@code text}, ignoring case ({@code vault}, {@code openbao}). */
    public static Flavour parse(String text) {
        for (Flavour f : values()) {
            if (f.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown flavour " + text + " (vault or openbao)");
    }
}
