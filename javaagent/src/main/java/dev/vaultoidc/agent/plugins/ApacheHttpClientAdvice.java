package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into Apache HttpClient 5's {@code ProtocolExec.execute} (request, scope, chain). */
public final class ApacheHttpClientAdvice {
    private ApacheHttpClientAdvice() {}

    @Advice.OnMethodEnter
    static void enter(
            @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object request,
            @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object scope) {
        OutboundBridge.apacheRequest(request, scope);
    }
}
