package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into {@code jdk.internal.net.http.MultiExchange#requestFilters}: once per exchange, redirects included. */
public final class JdkHttpClientAdvice {
    private JdkHttpClientAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object request) {
        OutboundBridge.jdkExchange(request);
    }
}
