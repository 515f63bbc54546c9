package dev.vaultoidc.agent.plugins;

/** Jetty 12 ee11 (embedded or standalone). */
public final class JettyEe11Plugin extends JettyPlugin {
    public JettyEe11Plugin() {
        super("ee11");
    }
}
