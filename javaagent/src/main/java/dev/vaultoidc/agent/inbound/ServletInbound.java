package dev.vaultoidc.agent.inbound;

import dev.vaultoidc.agent.bootstrap.InboundHook;

/**
 * The agent side of inbound protection: finds, per servlet API (one per container, usually), the {@link Gate}
 * built in a {@link HelperClassLoader} next to it, and hands it each dispatch.
 */
public final class ServletInbound implements InboundHook {
    /** Where the adapter lives; loaded by name in the helper loader. */
    static final String GATE_CLASS = "dev.vaultoidc.agent.servlet.ServletGate";

    private static final String SERVLET_REQUEST = "jakarta.servlet.ServletRequest";

    private final InboundConfig config;

    /** Request class → the {@code jakarta.servlet.ServletRequest} interface it implements. */
    private final ClassValue<Class<?>> apiOf = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            Class<?> api = find(type);
            if (api == null) {
                throw new IllegalStateException(type.getName() + " is not a " + SERVLET_REQUEST);
            }
            return api;
        }
    };

    /** The servlet API's request interface → its gate. Held by that class, so it goes when the API unloads. */
    private final ClassValue<Gate> gates = new ClassValue<>() {
        @Override
        protected Gate computeValue(Class<?> api) {
            return newGate(api.getClassLoader());
        }
    };

    public ServletInbound(InboundConfig config) {
        this.config = config;
    }

    @Override
    public Object enter(Object request, Object response) throws Exception {
        return gates.get(apiOf.get(request.getClass())).enter(request, response);
    }

    Gate newGate(ClassLoader servletApi) {
        try {
            ClassLoader helper = new HelperClassLoader(servletApi, ServletInbound.class.getClassLoader());
            return (Gate) helper.loadClass(GATE_CLASS)
                    .getConstructor(InboundConfig.class)
                    .newInstance(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the servlet adapter next to " + servletApi, e);
        }
    }

    private static Class<?> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Class<?> found = i.getName().equals(SERVLET_REQUEST) ? i : find(i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
