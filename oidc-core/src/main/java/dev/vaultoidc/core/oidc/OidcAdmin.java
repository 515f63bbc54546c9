package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultResponse;
import dev.vaultoidc.core.internal.json.VaultJson;
import dev.vaultoidc.core.verify.TokenIntrospector;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Vault's identity tokens backend ({@code identity/oidc/*}, spec §7): configuration, named keys, roles,
 * token generation, introspection and the two {@code .well-known} documents. Thread-safe; every method is
 * one Vault request.
 *
 * <pre>{@code
 * OidcAdmin oidc = vault.identity().oidc();
 * oidc.writeKey("svc", NamedKeyRequest.builder().algorithm(OidcAdmin.KeyAlgorithm.ES256).allowedClientIds("*").build());
 * oidc.writeRole("svc", RoleRequest.builder().key("svc").ttl(Duration.ofMinutes(15)).build());
 * IdToken token = oidc.generateToken("svc");     // needs a Vault token with an entity
 * }</pre>
 *
 * <p>Failures are {@link VaultException}s carrying Vault's message in {@code errors()}, e.g. a 400
 * {@code rotation_period must be at least one minute}. Absent objects are {@code Optional.empty()} and empty
 * lists are empty lists. Writes send only the fields the caller set (see {@link NamedKeyRequest}).
 */
public final class OidcAdmin {

    private static final String BASE = "identity/oidc/";

    private final VaultOperations ops;
    private final OidcAssignments assignments;
    private final OidcScopes scopes;
    private final OidcClients clients;
    private final OidcProviders providers;

    /**
     * The identity tokens backend over {@code logical}, like Spring Vault's templates over
     * {@code VaultOperations}. Applications use {@code vault.identity().oidc()}; this constructor serves
     * a {@link VaultOperations} of their own.
     */
    public OidcAdmin(VaultOperations logical) {
        this.ops = Objects.requireNonNull(logical, "logical");
        this.assignments = new OidcAssignments(ops);
        this.scopes = new OidcScopes(ops);
        this.clients = new OidcClients(ops);
        this.providers = new OidcProviders(ops, this);
    }

    // ---- the OIDC provider's objects (spec §9; docs/oidc-provider.md) ----

    /** The OIDC provider's assignments: who may log in through a client. */
    public OidcAssignments assignments() {
        return assignments;
    }

    /** The OIDC provider's scopes: claim templates offered by providers. */
    public OidcScopes scopes() {
        return scopes;
    }

    /** The OIDC provider's clients (relying parties), with their generated IDs and secrets. */
    public OidcClients clients() {
        return clients;
    }

    /** The OIDC providers, their discovery and keys documents, and the one-call {@code setUp}. */
    public OidcProviders providers() {
        return providers;
    }

    // ---- config (spec §7.2) ----

    /** Reads the configuration; never absent. */
    public Config readConfig() {
        VaultResponse r = ops.read(BASE + "config").orElseThrow(() -> Wire.malformed("empty oidc/config response"));
        return new Config(r.data() == null ? "" : Wire.text(r.data(), "issuer"), r.warnings());
    }

    /**
     * Sets the issuer ({@code scheme://host[:port]}, nothing else), or {@code ""} to go back to Vault's
     * {@code api_addr}.
     *
     * @return Vault's warnings: setting an explicit issuer warns that every token, including those of
     *     secondary clusters, must then be validated against it
     */
    public List<String> writeIssuer(String issuer) {
        Objects.requireNonNull(issuer, "issuer (use \"\" to reset)");
        return ops.write(BASE + "config", Map.of("issuer", issuer), true)
                .map(VaultResponse::warnings)
                .orElse(List.of());
    }

    // ---- named keys (spec §7.3, §7.4) ----

    /** Creates the key, or updates the fields {@code request} sets. */
    public void writeKey(String name, NamedKeyRequest request) {
        ops.write(BASE + "key/" + Wire.name(name, "key name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads a key; empty when it does not exist. */
    public Optional<NamedKey> readKey(String name) {
        return ops.read(BASE + "key/" + Wire.name(name, "key name"))
                .filter(r -> r.data() != null)
                .map(r -> {
                    JsonNode d = r.data();
                    return new NamedKey(
                            name,
                            KeyAlgorithm.fromVault(Wire.text(d, "algorithm")),
                            Wire.duration(d, "rotation_period"),
                            Wire.duration(d, "verification_ttl"),
                            Wire.strings(d, "allowed_client_ids"));
                });
    }

    /** The key names, lexicographic. */
    public List<String> listKeys() {
        return ops.list(BASE + "key").keys();
    }

    /**
     * Deletes a key; nothing happens when it does not exist. Vault refuses ({@code INVALID_REQUEST}) for
     * {@code default} and for keys that roles still reference.
     */
    public void deleteKey(String name) {
        ops.delete(BASE + "key/" + Wire.name(name, "key name"));
    }

    /**
     * Rotates a key now through Vault's {@code key/:name/rotate} endpoint: the pre-published next key starts
     * signing, the old one stays published for the key's verification_ttl. Not retried on ambiguous
     * failures: a repeat would rotate twice.
     */
    public void rotateKey(String name) {
        ops.write(BASE + "key/" + Wire.name(name, "key name") + "/rotate", Map.of());
    }

    /**
     * Rotates a key, keeping the old key published for {@code verificationTtl} instead of the key's
     * verification_ttl. The key's stored verification_ttl does not change.
     */
    public void rotateKey(String name, Duration verificationTtl) {
        ops.write(
                BASE + "key/" + Wire.name(name, "key name") + "/rotate",
                Map.of("verification_ttl", Wire.seconds(verificationTtl, "verificationTtl")));
    }

    // ---- roles (spec §7.5) ----

    /** Creates the role, or updates the fields {@code request} sets. */
    public void writeRole(String name, RoleRequest request) {
        ops.write(BASE + "role/" + Wire.name(name, "role name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads a role; empty when it does not exist. */
    public Optional<Role> readRole(String name) {
        return ops.read(BASE + "role/" + Wire.name(name, "role name"))
                .filter(r -> r.data() != null)
                .map(r -> {
                    JsonNode d = r.data();
                    return new Role(
                            name,
                            Wire.text(d, "key"),
                            Wire.text(d, "template"),
                            Wire.duration(d, "ttl"),
                            Wire.text(d, "client_id"));
                });
    }

    /** The role names, lexicographic; empty when there are none. */
    public List<String> listRoles() {
        return ops.list(BASE + "role").keys();
    }

    /** Deletes a role; nothing happens when it does not exist. */
    public void deleteRole(String name) {
        ops.delete(BASE + "role/" + Wire.name(name, "role name"));
    }

    // ---- tokens (spec §7.6, §7.7) ----

    /**
     * Generates an ID token for {@code role}, as the entity of this client's Vault token. A root token has no
     * entity: Vault answers 400 {@code no entity associated with the request's token}.
     *
     * @throws VaultException {@code MALFORMED_RESPONSE} if the answer holds no parseable token with
     *     {@code iat} and {@code exp}
     */
    public IdToken generateToken(String role) {
        VaultResponse r = ops.read(BASE + "token/" + Wire.name(role, "role name"))
                .filter(x -> x.data() != null)
                .orElseThrow(() -> Wire.malformed("no data in the token response"));
        String token = Wire.text(r.data(), "token");
        Instant iat;
        Instant exp;
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
                throw Wire.malformed("the generated token has no iat or exp");
            }
            iat = claims.getIssueTime().toInstant();
            exp = claims.getExpirationTime().toInstant();
        } catch (ParseException e) {
            // The message of a parse error could quote token bytes: keep only the fact.
            throw Wire.malformed("the generated token is not a JWT");
        }
        JsonNode ttl = r.data().get("ttl");
        return new IdToken(
                token,
                Wire.text(r.data(), "client_id"),
                ttl != null && ttl.isNumber() ? Duration.ofSeconds(ttl.asLong()) : Duration.between(iat, exp),
                r.warnings(),
                iat,
                exp);
    }

    /** Asks Vault whether {@code token} is valid (signature, issuer, expiry, entity present and enabled). */
    public Introspection introspect(String token) {
        return introspect(token, null);
    }

    /**
     * As {@link #introspect(String)}, and checks that {@code clientId} is the token's audience.
     *
     * @param clientId the expected audience, or null to skip that check
     */
    public Introspection introspect(String token, String clientId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", Objects.requireNonNull(token, "token"));
        if (clientId != null) {
            body.put("client_id", clientId);
        }
        JsonNode answer = ops.writeRaw(BASE + "introspect", body);
        JsonNode active = answer == null ? null : answer.get("active");
        if (active == null || !active.isBoolean()) {
            throw Wire.malformed("introspection answer has no boolean \"active\"");
        }
        return active.asBoolean() ? Introspection.ofActive() : Introspection.inactive(Wire.text(answer, "error"));
    }

    // ---- .well-known (spec §7.8, §7.9; unauthenticated) ----

    /** Reads the OpenID discovery document. */
    public Discovery readDiscovery() {
        JsonNode doc = ops.readRaw(BASE + ".well-known/openid-configuration");
        try {
            return VaultJson.mapper().treeToValue(doc, Discovery.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw Wire.malformed("discovery document does not fit OidcAdmin.Discovery");
        }
    }

    /**
     * Reads the published public keys: for every key a role references, the signing key, the next key and
     * rotated-out keys that have not expired.
     */
    public JWKSet readJwks() {
        JsonNode doc = ops.readRaw(BASE + ".well-known/keys");
        try {
            return JWKSet.parse(doc.toString());
        } catch (ParseException e) {
            throw new VaultException(
                    VaultErrorReason.MALFORMED_RESPONSE,
                    0,
                    List.of(),
                    "GET",
                    BASE + ".well-known/keys",
                    null,
                    "not a JWK set: " + e.getMessage(),
                    null);
        }
    }

    /**
     * The verifier's online check backed by {@code identity/oidc/introspect}, with this backend's
     * credentials: pass it to {@code TokenVerifier.Builder.introspector}. It catches tokens whose entity
     * was disabled or deleted after issue, which local verification cannot see. The Vault token needs
     * permission on {@code identity/oidc/introspect}.
     */
    public TokenIntrospector introspector() {
        return new VaultTokenIntrospector(this);
    }

    @Override
    public String toString() {
        return "OidcAdmin[" + ops + "]";
    }

    /**
     * The identity tokens backend configuration ({@code GET identity/oidc/config}, spec §7.2).
     *
     * @param issuer   the configured issuer ({@code scheme://host[:port]}), or {@code ""} when Vault uses its
     *                 {@code api_addr}
     * @param warnings Vault's warnings, e.g. when both issuer and {@code api_addr} are empty; never null
     */
    public record Config(String issuer, List<String> warnings) {
        /** Copies the list; null becomes empty. */
        public Config {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        /** Whether an issuer is configured explicitly (otherwise Vault's {@code api_addr} is used). */
        public boolean hasExplicitIssuer() {
            return issuer != null && !issuer.isEmpty();
        }
    }

    /**
     * Vault's OpenID discovery document ({@code GET identity/oidc/.well-known/openid-configuration}, spec §7.8).
     *
     * @param issuer                           the effective issuer, e.g. {@code https://vault:8200/v1/identity/oidc}
     * @param jwksUri                          where the signing keys are published
     * @param responseTypesSupported           {@code ["id_token"]}
     * @param subjectTypesSupported            {@code ["public"]}
     * @param idTokenSigningAlgValuesSupported the seven algorithms Vault can sign with
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Discovery(
            @JsonProperty("issuer") String issuer,
            @JsonProperty("jwks_uri") String jwksUri,
            @JsonProperty("response_types_supported") List<String> responseTypesSupported,
            @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,

            @JsonProperty("id_token_signing_alg_values_supported")
            List<String> idTokenSigningAlgValuesSupported) {
        /** Null lists become empty lists. */
        public Discovery {
            responseTypesSupported = responseTypesSupported == null ? List.of() : List.copyOf(responseTypesSupported);
            subjectTypesSupported = subjectTypesSupported == null ? List.of() : List.copyOf(subjectTypesSupported);
            idTokenSigningAlgValuesSupported = idTokenSigningAlgValuesSupported == null
                    ? List.of()
                    : List.copyOf(idTokenSigningAlgValuesSupported);
        }
    }

    /**
     * A named signing key as Vault reports it ({@code GET identity/oidc/key/:name}, spec §7.3).
     *
     * @param name             the key's name
     * @param algorithm        the signing algorithm
     * @param rotationPeriod   how often Vault rotates the key
     * @param verificationTtl  how long a rotated-out key stays published for verification; also the cap on
     *                         the ttl of tokens signed with it
     * @param allowedClientIds the role client IDs allowed to use the key; {@code ["*"]} means all, empty means none
     */
    public record NamedKey(
            String name,
            KeyAlgorithm algorithm,
            Duration rotationPeriod,
            Duration verificationTtl,
            List<String> allowedClientIds) {
        /** Copies the list, so the record is immutable. */
        public NamedKey {
            allowedClientIds = allowedClientIds == null ? List.of() : List.copyOf(allowedClientIds);
        }
    }

    /**
     * A role that ID tokens are generated for ({@code GET identity/oidc/role/:name}, spec §7.5).
     *
     * @param name     the role's name
     * @param key      the named key that signs its tokens
     * @param template the claims template (decoded JSON text), {@code ""} when none
     * @param ttl      the token lifetime asked for (tokens are capped at the key's verification_ttl)
     * @param clientId the token audience ({@code aud}); generated by Vault unless set
     */
    public record Role(String name, String key, String template, Duration ttl, String clientId) {}

    /** The signing algorithms a Vault named key can use (spec §7.3), with the key material Vault generates. */
    public enum KeyAlgorithm {
        /** RSASSA-PKCS1-v1_5 with SHA-256, RSA 2048 key. Vault's default. */
        RS256(JWSAlgorithm.RS256),
        /** RSASSA-PKCS1-v1_5 with SHA-384, RSA 2048 key. */
        RS384(JWSAlgorithm.RS384),
        /** RSASSA-PKCS1-v1_5 with SHA-512, RSA 2048 key. */
        RS512(JWSAlgorithm.RS512),
        /** ECDSA P-256 with SHA-256. */
        ES256(JWSAlgorithm.ES256),
        /** ECDSA P-384 with SHA-384. */
        ES384(JWSAlgorithm.ES384),
        /** ECDSA P-521 with SHA-512. */
        ES512(JWSAlgorithm.ES512),
        /** Ed25519. */
        EdDSA(JWSAlgorithm.EdDSA);

        private final JWSAlgorithm jws;

        KeyAlgorithm(JWSAlgorithm jws) {
            this.jws = jws;
        }

        /** The name Vault uses in {@code algorithm} (identical to the JOSE name). */
        public String vaultName() {
            return name();
        }

        /** The matching Nimbus algorithm. */
        public JWSAlgorithm jwsAlgorithm() {
            return jws;
        }

        /**
         * The algorithm Vault names {@code name}.
         *
         * @throws VaultException {@link VaultErrorReason#MALFORMED_RESPONSE} for a name this library does not know
         */
        static KeyAlgorithm fromVault(String name) {
            for (KeyAlgorithm a : values()) {
                if (a.name().equals(name)) {
                    return a;
                }
            }
            throw new VaultException(
                    VaultErrorReason.MALFORMED_RESPONSE,
                    0,
                    List.of(),
                    null,
                    null,
                    null,
                    "unknown key algorithm " + name,
                    null);
        }
    }
}
