package dev.vaultoidc.agent.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.agent.config.HostRules;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenPolicyTest {
    private final AtomicInteger fetches = new AtomicInteger();
    private final TokenPolicy policy = new TokenPolicy(
            HostRules.parse(List.of("api.internal", "svc.internal:8443", "localhost"), false),
            () -> "tok" + fetches.incrementAndGet());

    @Test
    void listedHostsOverHttpsGetTheToken() {
        assertThat(policy.decide("https", "api.internal", -1, null)).isEqualTo("Bearer tok1");
        assertThat(policy.decide("https", "API.internal.", 443, null)).isEqualTo("Bearer tok2");
        assertThat(policy.decide("https", "svc.internal", 8443, null)).startsWith("Bearer ");
    }

    @Test
    void otherHostsPortsAndPlainHttpGetNothing() {
        assertThat(policy.decide("https", "evil.internal", -1, null)).isNull();
        assertThat(policy.decide("https", "svc.internal", 443, null)).isNull();
        assertThat(policy.decide("http", "api.internal", -1, null)).isNull();
        assertThat(policy.decide("https", "sub.api.internal", -1, null)).isNull();
        assertThat(fetches).hasValue(0);
    }

    @Test
    void loopbackMayUsePlainHttp() {
        assertThat(policy.decide("http", "localhost", 8080, null)).isEqualTo("Bearer tok1");
        assertThat(HostRules.parse(List.of("127.0.0.1"), false).allows("http", "127.0.0.1", 80))
                .isTrue();
        assertThat(HostRules.parse(List.of("127.evil.com"), false).allows("http", "127.evil.com", 80))
                .isFalse();
        assertThat(HostRules.parse(List.of("api.internal"), true).allows("http", "api.internal", 80))
                .isTrue();
    }

    @Test
    void aPresetHeaderIsKept() {
        assertThat(policy.decide("https", "api.internal", -1, "Basic abc")).isNull();
        assertThat(fetches).hasValue(0);
    }

    @Test
    void ourTokenIsRemovedOnAHopToAnUnlistedHostButAForeignOneIsNot() {
        String ours = policy.decide("https", "api.internal", -1, null);
        assertThat(policy.decide("https", "elsewhere", -1, ours)).isEqualTo(TokenPolicy.REMOVE);
        assertThat(policy.decide("https", "elsewhere", -1, "Bearer theirs")).isNull();
        assertThat(policy.decide("https", "api.internal", -1, ours)).isNull();
    }

    @Test
    void noTokenWhenVaultFailsButTheCallGoesOn() {
        TokenPolicy failing = new TokenPolicy(HostRules.parse(List.of("api.internal"), false), () -> {
            throw new IllegalStateException("vault down");
        });
        assertThat(failing.decide("https", "api.internal", -1, null)).isNull();
    }
}
