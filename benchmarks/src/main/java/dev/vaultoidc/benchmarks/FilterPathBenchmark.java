package dev.vaultoidc.benchmarks;

import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.servlet.VaultOidcFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The servlet filter's own per-request cost, in process: {@link VaultOidcFilter#doFilter} on a prepared request
 * with an RS256 bearer token, a response and a chain that only records what it was given; no container, no
 * sockets, so nothing but the filter's path is timed. Variants: {@code none} = a filter that only calls the chain
 * (the baseline), {@code hit} = the filter with the default verifier and one token (a verified-token cache hit),
 * {@code miss} = the filter with the token cache off and 512 distinct tokens (a full verification per request,
 * JDK signatures), {@code miss-native} = the same with ACCP's signatures. What the filter adds is the difference
 * to {@code none}.
 *
 * <p>JMH samples call times ({@code SampleTime}): the mean is what a core spends per request when nothing else
 * runs, the median is robust to the preemptions of a shared machine (a sampled call that was not preempted costs
 * what it would on an idle core), so on a loaded machine the median is the figure to read.
 *
 * <p>The requests are Spring's {@code MockHttpServletRequest}s, built once per token and reused: the filter only
 * reads the header and sets one attribute on it, which the next call overwrites.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FilterPathBenchmark {
    @Param({"none", "hit", "miss", "miss-native"})
    public String variant;

    private KeyServer keys;
    private TokenVerifier verifier;
    private Filter filter;
    private MockHttpServletRequest[] requests;
    private MockHttpServletResponse response;
    private final RecordingChain chain = new RecordingChain();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        keys = new KeyServer();
        SigningKey key = SigningKey.generate("RS256", "bench-filter");
        keys.publish(List.of(key));
        List<String> tokens = VaultTokens.mint(key, keys.issuer(), variant.startsWith("miss") ? VerifyFixture.POOL : 1);
        requests = tokens.stream().map(FilterPathBenchmark::request).toArray(MockHttpServletRequest[]::new);
        response = new MockHttpServletResponse();
        if (variant.equals("none")) {
            filter = (req, resp, ch) -> ch.doFilter(req, resp);
        } else {
            verifier = Library.verifierBuilder(keys.issuer(), "RS256", variant.equals("miss-native"))
                    .tokenCacheSize(variant.equals("hit") ? 10_000 : 0)
                    .build();
            if (!verifier.warmUp().get(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no keys: " + verifier.health());
            }
            filter = VaultOidcFilter.builder(verifier).build();
        }
        for (MockHttpServletRequest r : requests) {
            if (call(r) == null && !variant.equals("none")) {
                throw new IllegalStateException("the filter refused a valid token: HTTP " + response.getStatus());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (verifier != null) {
            verifier.close();
        }
        keys.close();
    }

    @Benchmark
    public Object request(TokenCursor c) throws Exception {
        return call(requests[requests.length == 1 ? 0 : c.next()]);
    }

    /** Runs the filter once; the principal the chain saw ({@code null} when the chain was not called or anonymous). */
    Principal call(MockHttpServletRequest r) throws IOException, ServletException {
        chain.principal = null;
        filter.doFilter(r, response, chain);
        return chain.principal;
    }

    /** A request as a container would hand it over: {@code GET /hello} with the bearer token. */
    static MockHttpServletRequest request(String token) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/hello");
        r.setServletPath("/hello");
        r.addHeader("Authorization", "Bearer " + token);
        return r;
    }

    int lastStatus() {
        return response.getStatus();
    }

    /** The application stand-in: asks for the principal, as an application would, and keeps it. */
    static final class RecordingChain implements FilterChain {
        Principal principal;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            principal = ((jakarta.servlet.http.HttpServletRequest) request).getUserPrincipal();
        }
    }
}
