package dev.vaultoidc.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.TokenVerifier.JwksHealth;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Spring Security {@link ReactiveJwtDecoder} backed by a {@link TokenVerifier}, for
 * {@code ServerHttpSecurity.oauth2ResourceServer(o -> o.jwt(...))}. Errors map as in {@link VaultOidcJwtDecoder}.
 *
 * <p><b>Never blocks the calling thread.</b> {@link TokenVerifier#verify} is synchronous and waits only when it must
 * reach Vault: no usable keys cached yet (cold start, outage), a {@code kid} it has not seen (a forced, rate-limited
 * fetch), or online introspection. This decoder verifies on the calling (event-loop) thread only when none of those
 * can happen: the token's issuer has usable keys, and its {@code kid} was verified with the key set cached now (the
 * same {@code lastSuccessfulFetch}), so the verifier answers from memory; cache hits stay synchronous and cost
 * the verifier's own work plus parsing the token's header and a map lookup. Everything else runs on {@code scheduler} (by default Reactor's
 * {@code boundedElastic}). At cold start, before the first fetch, the request waits for the verifier's background
 * warm-up (a future: no thread is held) and then verifies off-loop. With introspection on, every verification is
 * off-loop, as each may call Vault. Tokens with unknown {@code kid}s (a flood of forged ones) are judged off-loop, where
 * the verifier's unknown-kid rate limit bounds the fetches they cause.
 */
public final class VaultOidcReactiveJwtDecoder implements ReactiveJwtDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenVerifier verifier;
    private final boolean mayCallVault;
    private final Scheduler scheduler;
    /** issuer + '\0' + kid -> lastSuccessfulFetch of the key set the kid was verified with. */
    private final Map<String, Instant> knownKeys = new ConcurrentHashMap<>();

    /**
     * Decodes with {@code verifier} (the caller keeps ownership), verifying off-loop on {@code boundedElastic}.
     *
     * @param mayCallVaultPerToken whether the verifier introspects tokens online (then every verification is
     *                             off-loop)
     */
    public VaultOidcReactiveJwtDecoder(TokenVerifier verifier, boolean mayCallVaultPerToken) {
        this(verifier, mayCallVaultPerToken, Schedulers.boundedElastic());
    }

    /** As {@link #VaultOidcReactiveJwtDecoder(TokenVerifier, boolean)}, verifying off-loop on {@code scheduler}. */
    public VaultOidcReactiveJwtDecoder(TokenVerifier verifier, boolean mayCallVaultPerToken, Scheduler scheduler) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.mayCallVault = mayCallVaultPerToken;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return Mono.defer(() -> {
            if (mayCallVault) {
                return offLoop(token);
            }
            Route route = Route.of(token, verifier);
            if (route == null) {
                return offLoop(token); // not parseable here: let the verifier judge it, off-loop to be safe
            }
            JwksHealth h = health(route.issuer());
            if (h == null) {
                return inline(token); // not a configured issuer: refused before any key lookup
            }
            if (!h.ready()) {
                if (h.lastAttempt() == null) {
                    // Cold start: join the verifier's own first fetch (shared, single-flight) without a thread.
                    // fromFuture(.., true): a cancelled request must not cancel the shared fetch.
                    return Mono.fromFuture(verifier.warmUp(), true).then(offLoop(token));
                }
                return offLoop(token); // the verifier's retry interval decides whether it fetches or fails fast
            }
            Instant seenWith = route.kid() == null ? null : knownKeys.get(route.key());
            if (seenWith != null && seenWith.equals(h.lastSuccessfulFetch())) {
                return inline(token);
            }
            return offLoop(token).doOnNext(jwt -> remember(route));
        });
    }

    private Mono<Jwt> inline(String token) {
        try {
            return Mono.just(VaultOidcJwtDecoder.toJwt(token, verifier.verify(token)));
        } catch (TokenVerificationException e) {
            return Mono.error(VaultOidcJwtDecoder.translate(e));
        }
    }

    private Mono<Jwt> offLoop(String token) {
        return Mono.fromCallable(() -> verifier.verify(token))
                .subscribeOn(scheduler)
                .map(t -> VaultOidcJwtDecoder.toJwt(token, t))
                .onErrorMap(TokenVerificationException.class, VaultOidcJwtDecoder::translate);
    }

    private void remember(Route route) {
        JwksHealth h = health(route.issuer());
        if (h != null && h.ready() && h.lastSuccessfulFetch() != null) {
            // Bounded: only kids that verified a token, i.e. keys in the issuer's JWKS.
            knownKeys.put(route.key(), h.lastSuccessfulFetch());
        }
    }

    private JwksHealth health(String issuer) {
        for (JwksHealth h : verifier.health()) {
            if (h.issuer().equals(issuer)) {
                return h;
            }
        }
        return null;
    }

    /** The issuer and kid a token claims, read without verifying anything (only to choose the thread). */
    private record Route(String issuer, String kid) {
        String key() {
            return issuer + '\0' + kid;
        }

        static Route of(String token, TokenVerifier verifier) {
            try {
                int dot1 = token.indexOf('.');
                int dot2 = token.indexOf('.', dot1 + 1);
                if (dot1 <= 0 || dot2 < 0) {
                    return null;
                }
                JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot1)));
                String kid = header.path("kid").isTextual() ? header.get("kid").asText() : null;
                String issuer;
                if (verifier.issuers().size() == 1) {
                    // One issuer: a token naming another is refused before any key lookup, so no need to parse.
                    issuer = verifier.issuers().iterator().next();
                } else {
                    JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(dot1 + 1, dot2)));
                    if (!payload.path("iss").isTextual()) {
                        return null;
                    }
                    issuer = payload.get("iss").asText();
                }
                return new Route(issuer, kid);
            } catch (Exception e) {
                return null;
            }
        }
    }
}
