package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into OkHttp's {@code RealInterceptorChain#proceed(Request)}; typed Object: OkHttp is the app's. */
public final class OkHttpAdvice {
    private OkHttpAdvice() {}

    @Advice.OnMethodEnter
    static void enter(
            @Advice.FieldValue("interceptors") List<?> interceptors,
            @Advice.FieldValue("index") int index,
            @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
        if (index < interceptors.size()) {
            request = OutboundBridge.okHttpRequest(interceptors.get(index), request);
        }
    }
}
