package dev.vaultoidc.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A named key (spec §7.3, §7.4): configuration, the current and pre-published next signing key,
 * and the key ring of every key ID still published with its optional expiry. Mutable; guarded by
 * the engine's lock.
 */
final class OidcNamedKey {

    /** One key-ring entry: a key ID and when it stops being published ({@code null}: never). */
    static final class RingEntry {
        final OidcSigningKey key;
        Instant expireAt;

        RingEntry(OidcSigningKey key) {
            this.key = key;
        }
    }

    final String name;
    String algorithm;
    long rotationPeriodSeconds;
    long verificationTtlSeconds;
    List<String> allowedClientIds = List.of();
    Instant nextRotation; // null = unset (Go's zero time)
    OidcSigningKey signingKey;
    OidcSigningKey nextSigningKey;
    final List<RingEntry> keyRing = new ArrayList<>();

    private final Function<String, OidcSigningKey> generator;

    OidcNamedKey(String name, Function<String, OidcSigningKey> generator) {
        this.name = name;
        this.generator = generator;
    }

    /** Whether {@code allowed_client_ids} lets {@code clientId} sign with this key ({@code *} lets every one). */
    boolean allows(String clientId) {
        return allowedClientIds.contains("*") || allowedClientIds.contains(clientId);
    }

    boolean hasMaterial() {
        return signingKey != null;
    }

    /** generateAndSetKey: a new current key, appended to the ring. */
    void generateAndSetKey() {
        signingKey = generator.apply(algorithm);
        keyRing.add(new RingEntry(signingKey));
    }

    /** generateAndSetNextKey: a new next key, appended to the ring and so published before it signs. */
    void generateAndSetNextKey() {
        nextSigningKey = generator.apply(algorithm);
        keyRing.add(new RingEntry(nextSigningKey));
    }

    /**
     * namedKey.rotate: retire the current key ({@code expire_at = at + ttl}), promote the next key,
     * pre-publish a new next key. {@code verificationTtlOverride} only changes this one expiry.
     */
    void rotate(Instant at, Optional<Long> verificationTtlOverride) {
        long ttl = verificationTtlOverride.orElse(verificationTtlSeconds);
        if (signingKey != null) {
            for (RingEntry e : keyRing) {
                if (e.key.kid().equals(signingKey.kid())) {
                    e.expireAt = at.plusSeconds(ttl);
                    break;
                }
            }
        }
        if (nextSigningKey == null) {
            generateAndSetNextKey();
        }
        signingKey = nextSigningKey;
        generateAndSetNextKey();
        nextRotation = at.plusSeconds(rotationPeriodSeconds);
    }

    /**
     * What Vault's once-a-minute periodic function would have done by {@code now}: every overdue
     * rotation, each at its scheduled time. When the clock jumped by many rotation periods, the
     * rotations whose keys would already have expired again are collapsed into one, so a jump of a
     * year does not generate half a million keys; nobody could have observed those keys.
     */
    void rotateOverdue(Instant now) {
        if (!hasMaterial() || nextRotation == null || rotationPeriodSeconds <= 0) {
            return;
        }
        while (now.isAfter(nextRotation)) {
            long overdue = Duration.between(nextRotation, now).getSeconds() / rotationPeriodSeconds + 1;
            long keep = verificationTtlSeconds / rotationPeriodSeconds + 2;
            if (overdue > keep) {
                Instant lastSkipped = nextRotation.plusSeconds((overdue - keep - 1) * rotationPeriodSeconds);
                for (RingEntry e : keyRing) {
                    if (e.key == signingKey) {
                        e.expireAt = nextRotation.plusSeconds(verificationTtlSeconds);
                    } else if (e.key == nextSigningKey) {
                        e.expireAt = lastSkipped.plusSeconds(verificationTtlSeconds);
                    }
                }
                generateAndSetKey();
                generateAndSetNextKey();
                nextRotation = lastSkipped.plusSeconds(rotationPeriodSeconds);
            } else {
                rotate(nextRotation, Optional.empty());
            }
        }
    }

    /** expireOIDCPublicKeys for this key: drop ring entries whose expiry is before {@code now}. */
    void expire(Instant now) {
        keyRing.removeIf(e -> e.expireAt != null && e.expireAt.isBefore(now));
    }

    /** The GET representation; Go sorts the map keys. */
    Map<String, Object> describe() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("algorithm", algorithm);
        data.put("allowed_client_ids", List.copyOf(allowedClientIds));
        data.put("rotation_period", rotationPeriodSeconds);
        data.put("verification_ttl", verificationTtlSeconds);
        return data;
    }
}
