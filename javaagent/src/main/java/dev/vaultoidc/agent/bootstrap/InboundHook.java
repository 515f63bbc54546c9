package dev.vaultoidc.agent.bootstrap;

/**
 * What the inbound advice calls. Lives on the bootstrap class path, so it uses {@code Object}: the servlet types
 * belong to the container's class loader, which the bootstrap loader cannot see.
 */
public interface InboundHook {
    /**
     * Decides one servlet dispatch.
     *
     * @return {@code null} to let the request through unchanged, {@link InboundBridge#HANDLED} when the answer
     *     was already written (the instrumented method is skipped), or the request to pass on instead
     */
    Object enter(Object request, Object response) throws Exception;
}
