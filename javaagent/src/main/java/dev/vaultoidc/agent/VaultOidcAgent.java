package dev.vaultoidc.agent;

import dev.vaultoidc.agent.config.InvalidSettingException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:vault-oidc-agent.jar[=options]} and
 * {@code agentmain} for dynamic attach.
 *
 * <p>An invalid configuration stops the JVM at {@code premain} (exit status {@value #CONFIG_EXIT_STATUS}) with a
 * message naming the property: an application that was meant to be protected must not start unprotected. On
 * dynamic attach the application is already running, so the attach fails instead and the application is left
 * alone.
 */
public final class VaultOidcAgent {
    /** Exit status for an invalid configuration ({@code EX_CONFIG}). */
    public static final int CONFIG_EXIT_STATUS = 78;

    /** The classes every class loader must see: advice inlined into container and JDK classes calls them. */
    static final String[] BOOTSTRAP_CLASSES = {"InboundHook", "InboundBridge", "OutboundHook", "OutboundBridge"};

    private VaultOidcAgent() {}

    /** {@code -javaagent}. */
    public static void premain(String options, Instrumentation inst) {
        start(options, inst, true);
    }

    /** Dynamic attach. */
    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst, false);
    }

    private static void start(String options, Instrumentation inst, boolean atStartup) {
        try {
            injectBridges(inst);
            // Only now may classes that mention the bridges load: they must resolve to the bootstrap copies.
            AgentStartup.start(options, inst);
        } catch (InvalidSettingException e) {
            String message = "[vault-oidc-agent] Invalid configuration: " + e.getMessage();
            if (!atStartup) {
                throw new IllegalStateException(message, e);
            }
            System.err.println(message);
            System.err.println("[vault-oidc-agent] Stopping the JVM (exit status " + CONFIG_EXIT_STATUS
                    + "): the application must not start without the protection it was configured for.");
            System.exit(CONFIG_EXIT_STATUS);
        }
    }

    /** Appends the bridge classes to the bootstrap class path through a small temporary jar. */
    static void injectBridges(Instrumentation inst) {
        try {
            File jar = File.createTempFile("vault-oidc-agent-bootstrap", ".jar");
            jar.deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
                for (String simple : BOOTSTRAP_CLASSES) {
                    String path = "dev/vaultoidc/agent/bootstrap/" + simple + ".class";
                    try (InputStream in = VaultOidcAgent.class.getClassLoader().getResourceAsStream(path)) {
                        if (in == null) {
                            throw new IllegalStateException("agent jar lacks " + path);
                        }
                        out.putNextEntry(new JarEntry(path));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the agent's bootstrap classes", e);
        }
    }
}
