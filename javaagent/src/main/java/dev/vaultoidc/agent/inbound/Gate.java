package dev.vaultoidc.agent.inbound;

/** One servlet API's gate: the servlet-side code, loaded next to the container's {@code jakarta.servlet}. */
public interface Gate {
    /** As {@link dev.vaultoidc.agent.bootstrap.InboundHook#enter}. */
    Object enter(Object request, Object response) throws Exception;
}
