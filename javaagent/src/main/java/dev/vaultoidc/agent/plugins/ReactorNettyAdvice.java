package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into Reactor Netty's {@code HttpClientOperations.beforeMarkSentHeaders()}. */
public final class ReactorNettyAdvice {
    private ReactorNettyAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This(typing = Assigner.Typing.DYNAMIC) Object operations) {
        OutboundBridge.reactorNettyRequest(operations);
    }
}
