package dev.vaultoidc.agent.plugins;

/** Jetty 12 ee10 (embedded or standalone). */
public final class JettyEe10Plugin extends JettyPlugin {
    public JettyEe10Plugin() {
        super("ee10");
    }
}
