package dev.vaultoidc.agent.bootstrap;

/**
 * The meeting point of inbound advice and the agent. Advice is inlined into container classes whose loaders
 * cannot see the agent's own classes, but every loader sees the bootstrap class path, where the agent puts this
 * class (and nothing else of its own) at startup.
 */
public final class InboundBridge {
    /** Returned by {@link InboundHook#enter} when the response was written and the dispatch must stop. */
    public static final Object HANDLED = new Object();

    private static volatile InboundHook hook;

    private InboundBridge() {}

    /** Installed once by the agent before any instrumentation exists. */
    public static void install(InboundHook h) {
        hook = h;
    }

    /**
     * Called from advice. Without a hook (an agent that failed half-way) nothing may pass unchecked, so this
     * throws and the container answers 500.
     */
    public static Object enter(Object request, Object response) throws Exception {
        InboundHook h = hook;
        if (h == null) {
            throw new IllegalStateException("vault-oidc agent: inbound protection is not initialised");
        }
        return h.enter(request, response);
    }
}
