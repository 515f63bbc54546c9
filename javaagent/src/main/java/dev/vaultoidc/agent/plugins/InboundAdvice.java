package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.bootstrap.InboundBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the start of a servlet dispatch method {@code m(ServletRequest, ServletResponse)}: asks the bridge,
 * then skips the method (answer already written), swaps in the authenticated request, or carries on.
 */
public final class InboundAdvice {
    private InboundAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(
            @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request,
            @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object response)
            throws Exception {
        Object decided = InboundBridge.enter(request, response);
        if (decided == InboundBridge.HANDLED) {
            return true;
        }
        if (decided != null) {
            request = decided;
        }
        return false;
    }
}
