package dev.vaultoidc.agent.plugins;

import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import java.net.URL;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into {@code sun.net.www.http.HttpClient#writeRequests}: the header block of each request written. */
public final class UrlConnectionAdvice {
    private UrlConnectionAdvice() {}

    @Advice.OnMethodEnter
    static void enter(
            @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object headers,
            @Advice.FieldValue("url") URL url) {
        OutboundBridge.urlConnectionRequest(headers, url);
    }
}
