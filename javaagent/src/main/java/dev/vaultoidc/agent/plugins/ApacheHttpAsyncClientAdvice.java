package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into Apache HttpClient 5's {@code AsyncProtocolExec.execute} (request, producer, scope, ...). */
public final class ApacheHttpAsyncClientAdvice {
    private ApacheHttpAsyncClientAdvice() {}

    @Advice.OnMethodEnter
    static void enter(
            @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object request,
            @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object scope) {
        OutboundBridge.apacheRequest(request, scope);
    }
}
