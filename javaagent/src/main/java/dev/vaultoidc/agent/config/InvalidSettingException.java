package dev.vaultoidc.agent.config;

/** A setting that stops the agent (and, at {@code premain}, the JVM); the message names the property. */
public final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String property;

    /** @param property the full property name, e.g. {@code vault.oidc.clock-skew} */
    public InvalidSettingException(String property, String reason) {
        super(property + ": " + reason);
        this.property = property;
    }

    /** The full property name. */
    public String property() {
        return property;
    }
}
