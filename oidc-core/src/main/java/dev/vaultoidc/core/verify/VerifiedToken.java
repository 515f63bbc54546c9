package dev.vaultoidc.core.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Vault ID token that passed verification. Immutable and thread-safe. {@link #toString()} omits claim
 * values, so logging it does not leak template claims.
 */
public final class VerifiedToken {
    private final String issuer;
    private final String subject;
    private final List<String> audiences;
    private final String namespace;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String keyId;
    private final String algorithm;
    private final Map<String, Object> claims;

    VerifiedToken(
            String issuer,
            String subject,
            List<String> audiences,
            String namespace,
            Instant issuedAt,
            Instant expiresAt,
            String keyId,
            String algorithm,
            Map<String, Object> claims) {
        this.issuer = issuer;
        this.subject = subject;
        this.audiences = List.copyOf(audiences);
        this.namespace = namespace;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.claims = Collections.unmodifiableMap(claims);
    }

    /** The Vault entity id ({@code sub}). */
    public String entityId() {
        return subject;
    }

    /** Same as {@link #entityId()}: the {@code sub} claim. */
    public String subject() {
        return subject;
    }

    /** The {@code iss} claim: the configured issuer the token was verified against. */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} values (Vault sends one: the role's client id). */
    public List<String> audiences() {
        return audiences;
    }

    /** The {@code namespace} claim: the Vault namespace <em>id</em> ({@code "root"} in Community Edition), or {@code null}. */
    public String namespace() {
        return namespace;
    }

    /** The {@code iat} claim: when Vault issued the token. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** The {@code exp} claim: when the token expires (the verifier allowed the configured clock skew). */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The {@code kid} of the JWK that verified the signature. */
    public String keyId() {
        return keyId;
    }

    /** The JWS algorithm, e.g. {@code RS256}. */
    public String algorithm() {
        return algorithm;
    }

    /** All claims, as parsed JSON (strings, numbers, booleans, lists, maps); dates are epoch-second numbers. */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * A claim converted to {@code type}, empty if absent. Numbers convert to {@code Long}, {@code Integer},
     * {@code Double} and {@code Instant} (epoch seconds) only when the value fits exactly: no silent narrowing.
     *
     * @throws IllegalArgumentException if the claim is present with another type, or is a number that the type
     *     cannot hold exactly (a fraction as {@code Long}, 2^40 as {@code Integer}, 2^60+1 as {@code Double})
     */
    public <T> Optional<T> claim(String name, Class<T> type) {
        Object value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (type.isInstance(value)) {
            return Optional.of(type.cast(value));
        }
        if (value instanceof Number n) {
            // Conversions never narrow silently: a value that does not fit the asked type exactly is an error,
            // as a wrong type is (an Integer view of 2^40, or a Long view of 1.5, would be a different claim).
            Object exact = null;
            if (type == Long.class) {
                exact = exactLong(n);
            } else if (type == Integer.class) {
                Long l = exactLong(n);
                exact = l != null && l == l.intValue() ? Integer.valueOf(l.intValue()) : null;
            } else if (type == Double.class) {
                exact = exactDouble(n);
            } else if (type == Instant.class) {
                Long l = exactLong(n);
                exact = l == null ? null : Instant.ofEpochSecond(l);
            }
            if (exact != null) {
                return Optional.of(type.cast(exact));
            }
            if (type == Long.class || type == Integer.class || type == Double.class || type == Instant.class) {
                throw new IllegalArgumentException(
                        "claim '" + name + "' does not fit a " + type.getSimpleName() + " exactly");
            }
        }
        throw new IllegalArgumentException(
                "claim '" + name + "' is a " + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }

    /** A string claim, empty if absent. */
    public Optional<String> stringClaim(String name) {
        return claim(name, String.class);
    }

    /** The number as a long if it is integral and in range, else null. */
    private static Long exactLong(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof java.math.BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : null;
        }
        if (n instanceof java.math.BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        double d = n.doubleValue();
        if (Double.isFinite(d) && d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
            return (long) d;
        }
        return null;
    }

    /** The number as a double if the double represents it exactly, else null. */
    private static Double exactDouble(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return n.doubleValue();
        }
        if (n instanceof java.math.BigDecimal d) {
            double v = d.doubleValue();
            return Double.isFinite(v) && new java.math.BigDecimal(v).compareTo(d) == 0 ? v : null;
        }
        Long l = exactLong(n);
        if (l == null) {
            return null;
        }
        double v = l;
        return v < 0x1p63 && (long) v == l ? v : null;
    }

    /**
     * A claim holding a list of strings (e.g. a template claim {@code "groups": {{identity.entity.groups.names}}}).
     * A single string is returned as a one-element list; absent gives an empty list.
     *
     * @throws IllegalArgumentException if the claim holds something else
     */
    public List<String> stringListClaim(String name) {
        Object value = claims.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("claim '" + name + "' is not a list of strings");
                }
                out.add(s);
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("claim '" + name + "' is not a list of strings");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedToken t
                && issuer.equals(t.issuer)
                && subject.equals(t.subject)
                && keyId.equals(t.keyId)
                && claims.equals(t.claims);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, subject, keyId, expiresAt);
    }

    @Override
    public String toString() {
        return "VerifiedToken[issuer=" + issuer + ", entityId=" + subject + ", audiences=" + audiences
                + ", keyId=" + keyId + ", algorithm=" + algorithm + ", expiresAt=" + expiresAt + ", claims="
                + claims.keySet() + "]";
    }
}
