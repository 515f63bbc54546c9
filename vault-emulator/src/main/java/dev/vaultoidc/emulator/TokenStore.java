package dev.vaultoidc.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service tokens: the root token, login tokens and child tokens. Expiry is judged by the emulator
 * clock, so tests expire a token by advancing the clock. Callers hold the core lock.
 */
final class TokenStore {

    /** The system default and maximum TTL of a service token (32 days), as in a dev Vault. */
    static final long DEFAULT_TTL_SECONDS = 2_764_800L;

    record Token(
            String id,
            String accessor,
            List<String> policies,
            String entityId,
            String path,
            Instant issued,
            long ttlSeconds,
            Instant expiresAt,
            Instant maxExpiresAt,
            Map<String, String> meta,
            String displayName,
            boolean renewable,
            boolean orphan,
            String parentId,
            String role,
            long numUses,
            long periodSeconds) {

        boolean root() {
            return policies.contains("root");
        }

        Token withExpiry(Instant newExpiry, long newTtl) {
            return new Token(
                    id,
                    accessor,
                    policies,
                    entityId,
                    path,
                    issued,
                    newTtl,
                    newExpiry,
                    maxExpiresAt,
                    meta,
                    displayName,
                    renewable,
                    orphan,
                    parentId,
                    role,
                    numUses,
                    periodSeconds);
        }

        long remainingSeconds(Instant now) {
            return expiresAt == null
                    ? 0
                    : Math.max(0, Duration.between(now, expiresAt).getSeconds());
        }
    }

    private final Clock clock;
    private final Map<String, Token> byId = new HashMap<>();
    private final Map<String, String> idByAccessor = new HashMap<>();

    TokenStore(Clock clock, String rootToken) {
        this.clock = clock;
        Instant now = clock.instant();
        put(new Token(
                rootToken,
                Ids.base62(24),
                List.of("root"),
                null,
                "auth/token/root",
                now,
                0,
                null,
                null,
                null,
                "root",
                false,
                true,
                null,
                null,
                0,
                0));
    }

    /**
     * Creates a token. {@code ttlSeconds} 0 means "never expires" (root-policy tokens);
     * {@code maxTtlSeconds} 0 means no cap beyond the system maximum.
     */
    Token create(
            List<String> policies,
            String entityId,
            String path,
            long ttlSeconds,
            long maxTtlSeconds,
            Map<String, String> meta,
            String displayName,
            boolean renewable,
            String parentId) {
        return create(
                policies,
                entityId,
                path,
                ttlSeconds,
                maxTtlSeconds,
                meta,
                displayName,
                renewable,
                parentId,
                null,
                0,
                0);
    }

    /**
     * As above for a token created against a token role: {@code role} is reported by lookups,
     * {@code numUses} is reported (not enforced), and a {@code periodSeconds} above 0 makes a
     * periodic token whose every renewal restores the period.
     */
    Token create(
            List<String> policies,
            String entityId,
            String path,
            long ttlSeconds,
            long maxTtlSeconds,
            Map<String, String> meta,
            String displayName,
            boolean renewable,
            String parentId,
            String role,
            long numUses,
            long periodSeconds) {
        Instant now = clock.instant();
        Instant expires = ttlSeconds > 0 ? now.plusSeconds(ttlSeconds) : null;
        Instant maxExpires =
                ttlSeconds > 0 ? now.plusSeconds(maxTtlSeconds > 0 ? maxTtlSeconds : DEFAULT_TTL_SECONDS) : null;
        if (expires != null && expires.isAfter(maxExpires)) {
            expires = maxExpires;
        }
        Token token = new Token(
                "hvs." + Ids.base62(24),
                Ids.base62(24),
                List.copyOf(policies),
                entityId,
                path,
                now,
                ttlSeconds,
                expires,
                maxExpires,
                meta,
                displayName,
                renewable,
                parentId == null,
                parentId,
                role,
                numUses,
                periodSeconds);
        put(token);
        return token;
    }

    private void put(Token token) {
        byId.put(token.id(), token);
        idByAccessor.put(token.accessor(), token.id());
    }

    /** The token that made {@code request}; some token paths need more than {@code CallerToken}. */
    Optional<Token> caller(EmulatorRequest request) {
        return request.token().flatMap(ct -> byAccessor(ct.accessor()));
    }

    Optional<Token> byAccessor(String accessor) {
        String id = idByAccessor.get(accessor);
        return id == null ? Optional.empty() : valid(id);
    }

    /** The token if it exists and has not expired; expired tokens are dropped on sight. */
    Optional<Token> valid(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Token token = byId.get(id);
        if (token == null) {
            return Optional.empty();
        }
        if (token.expiresAt() != null && !clock.instant().isBefore(token.expiresAt())) {
            revoke(id);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    Token renew(Token token, Long incrementSeconds) {
        Instant now = clock.instant();
        // A periodic token always renews to its period, whatever increment is asked (Vault).
        long ttl = token.periodSeconds() > 0
                ? token.periodSeconds()
                : incrementSeconds != null && incrementSeconds > 0 ? incrementSeconds : token.ttlSeconds();
        Instant expires = now.plusSeconds(ttl);
        if (token.maxExpiresAt() != null && expires.isAfter(token.maxExpiresAt())) {
            expires = token.maxExpiresAt();
        }
        Token renewed = token.withExpiry(
                expires, Math.max(0, Duration.between(now, expires).getSeconds()));
        put(renewed);
        return renewed;
    }

    /** Revokes the token and, as Vault does, every non-orphan descendant. */
    void revoke(String id) {
        Token token = byId.remove(id);
        if (token == null) {
            return;
        }
        idByAccessor.remove(token.accessor());
        List<String> children = new ArrayList<>();
        for (Token t : byId.values()) {
            if (id.equals(t.parentId())) {
                children.add(t.id());
            }
        }
        children.forEach(this::revoke);
    }

    /** Vault's {@code auth} block for a login or token creation. */
    static Map<String, Object> authBlock(Token token, Map<String, Object> extra) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token.id());
        auth.put("accessor", token.accessor());
        auth.put("policies", token.policies());
        auth.put("token_policies", token.policies());
        auth.put("metadata", token.meta());
        auth.put("lease_duration", token.ttlSeconds());
        auth.put("renewable", token.renewable());
        auth.put("entity_id", token.entityId() == null ? "" : token.entityId());
        auth.put("token_type", "service");
        auth.put("orphan", token.orphan());
        auth.put("mfa_requirement", null);
        auth.put("num_uses", token.numUses());
        if (extra != null) {
            auth.putAll(extra);
        }
        return auth;
    }
}
