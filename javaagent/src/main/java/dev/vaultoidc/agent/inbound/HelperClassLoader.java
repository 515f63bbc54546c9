package dev.vaultoidc.agent.inbound;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads the agent's servlet-side classes (the adapter and the shaded servlet filter) next to one container's
 * {@code jakarta.servlet}: its parent is the loader that defined the container's servlet API, so those classes
 * link against the application's API; the agent's other classes (verifier, logging, Jackson) come from the agent's
 * own loader, so every container shares one verifier and one key cache.
 *
 * <p>Why not put the servlet code on the agent's class path and use it directly: the agent jar is on the system
 * class path, and in a standalone Tomcat or a Boot fat jar {@code jakarta.servlet} lives in a child loader the
 * system loader cannot see. Why not inject it into the container's loader: defining classes in a foreign loader
 * needs reflection into {@code ClassLoader} internals; a child-first helper loader needs none.
 */
final class HelperClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Packages loaded from the agent jar by this loader (the literal is relocated with the shaded filter). */
    static final String[] OWN = {"dev.vaultoidc.agent.servlet.", "dev.vaultoidc.servlet."};

    private static final String AGENT = "dev.vaultoidc.agent.";

    private final ClassLoader agent;

    HelperClassLoader(ClassLoader servletApi, ClassLoader agent) {
        super("vault-oidc-agent-servlet", servletApi);
        this.agent = agent;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (isOwn(name)) {
                    c = defineFromAgent(name);
                } else if (name.startsWith(AGENT)) {
                    c = agent.loadClass(name);
                } else {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private static boolean isOwn(String name) {
        for (String p : OWN) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private Class<?> defineFromAgent(String name) throws ClassNotFoundException {
        try (InputStream in = agent.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, HelperClassLoader.class.getProtectionDomain());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
