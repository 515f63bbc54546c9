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

    /** The classes every class loader must see: the calls inserted into container and JDK classes go to them. */
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
            AgentStartup.start(options, inst, atStartup);
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

    /**
     * Defines the bridge classes in the bootstrap loader. Through the JDK's internal {@code Unsafe.defineClass}
     * (opened to the agent alone) when possible, because appending to the bootstrap class path, the fallback,
     * makes the JVM turn off class data sharing for non-boot classes and print a warning at every start.
     */
    static void injectBridges(Instrumentation inst) {
        ClassLoader agent = VaultOidcAgent.class.getClassLoader();
        java.util.Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
        for (String simple : BOOTSTRAP_CLASSES) {
            String path = "dev/vaultoidc/agent/bootstrap/" + simple + ".class";
            try (InputStream in = agent.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("agent jar lacks " + path);
                }
                classes.put(path, in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        }
        try {
            Module base = Object.class.getModule();
            inst.redefineModule(
                    base,
                    java.util.Set.of(),
                    java.util.Map.of("jdk.internal.misc", java.util.Set.of(VaultOidcAgent.class.getModule())),
                    java.util.Map.of(),
                    java.util.Set.of(),
                    java.util.Map.of());
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            java.lang.reflect.Method define = unsafeType.getMethod(
                    "defineClass",
                    String.class,
                    byte[].class,
                    int.class,
                    int.class,
                    ClassLoader.class,
                    java.security.ProtectionDomain.class);
            for (java.util.Map.Entry<String, byte[]> e : classes.entrySet()) {
                String name =
                        e.getKey().replace('/', '.').substring(0, e.getKey().length() - ".class".length());
                if (isDefinedInBootstrap(name)) {
                    continue; // a second attach
                }
                define.invoke(unsafe, name, e.getValue(), 0, e.getValue().length, null, null);
            }
            return;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Fall back to the documented way below.
        }
        try {
            File jar = File.createTempFile("vault-oidc-agent-bootstrap", ".jar");
            jar.deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
                for (java.util.Map.Entry<String, byte[]> e : classes.entrySet()) {
                    out.putNextEntry(new JarEntry(e.getKey()));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the agent's bootstrap classes", e);
        }
    }

    private static boolean isDefinedInBootstrap(String name) {
        try {
            return Class.forName(name, false, null) != null;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
