package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultResponse;
import dev.vaultoidc.core.internal.json.VaultJson;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Vault's OIDC providers ({@code identity/oidc/provider}, spec §9.5–§9.7), reached as
 * {@code vault.identity().oidc().providers()}: the objects, their discovery and keys documents, and
 * {@link #setUp} to provision a relying party in one call. The protocol endpoints ({@code authorize},
 * {@code token}, {@code userinfo}) are in {@link OidcProviderEndpoints}. Thread-safe.
 */
public final class OidcProviders {

    /** The built-in provider, allowing every client; it can be updated but not deleted. */
    public static final String DEFAULT = "default";

    private static final String BASE = "identity/oidc/provider";

    private final VaultOperations ops;
    private final OidcAdmin oidc;

    OidcProviders(VaultOperations ops, OidcAdmin oidc) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.oidc = oidc;
    }

    /**
     * Creates the provider, or updates the fields {@code request} sets.
     *
     * @return Vault's warnings (an explicit issuer; scopes sharing a top-level claim); empty when none
     */
    public List<String> write(String name, Request request) {
        return ops.write(
                        BASE + "/" + Wire.name(name, "provider name"), Objects.requireNonNull(request, "request"), true)
                .map(VaultResponse::warnings)
                .orElse(List.of());
    }

    /** Reads a provider; empty when it does not exist. */
    public Optional<Provider> read(String name) {
        return ops.read(BASE + "/" + Wire.name(name, "provider name"))
                .filter(r -> r.data() != null)
                .map(r -> provider(name, r.data()));
    }

    /** The provider names, sorted here (Vault's order is random); always includes {@link #DEFAULT} unless deleted. */
    public List<String> list() {
        List<String> keys = new ArrayList<>(ops.list(BASE).keys());
        Collections.sort(keys);
        return Collections.unmodifiableList(keys);
    }

    /** Every provider with its settings, in name order. */
    public List<Provider> listDetailed() {
        return detailed(ops.list(BASE));
    }

    /**
     * The providers a client may use: those whose {@code allowed_client_ids} list {@code clientId} or {@code *}
     * ({@code LIST identity/oidc/provider?allowed_client_id=}), in name order; empty when none.
     */
    public List<Provider> listAllowing(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list", "true");
        query.put("allowed_client_id", clientId);
        return ops.read(BASE, query).map(this::detailed).orElse(List.of());
    }

    /** Deletes a provider; nothing happens when it does not exist. Vault refuses for {@link #DEFAULT}. */
    public void delete(String name) {
        ops.delete(BASE + "/" + Wire.name(name, "provider name"));
    }

    /**
     * Reads a provider's discovery document (unauthenticated).
     *
     * @throws VaultException {@code NOT_FOUND} when the provider does not exist
     */
    public Discovery discovery(String name) {
        JsonNode doc = ops.readRaw(BASE + "/" + Wire.name(name, "provider name") + "/.well-known/openid-configuration");
        try {
            return VaultJson.mapper().treeToValue(doc, Discovery.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw Wire.malformed("discovery document does not fit OidcProviders.Discovery");
        }
    }

    /**
     * Reads a provider's public keys (unauthenticated): the whole key ring of every key its clients use.
     *
     * @throws VaultException {@code NOT_FOUND} when the provider does not exist
     */
    public JWKSet keys(String name) {
        String path = BASE + "/" + Wire.name(name, "provider name") + "/.well-known/keys";
        JsonNode doc = ops.readRaw(path);
        try {
            return JWKSet.parse(doc.toString());
        } catch (ParseException e) {
            throw new VaultException(
                    VaultErrorReason.MALFORMED_RESPONSE,
                    0,
                    List.of(),
                    "GET",
                    path,
                    null,
                    "not a JWK set: " + e.getMessage(),
                    null);
        }
    }

    /**
     * Creates or updates, idempotently, what one relying party needs: the assignment {@code assignment}, the
     * client {@code client} (its redirect URIs and the assignment; other settings kept or Vault's defaults), and
     * the provider {@code provider} with the client's ID added to its allowed client IDs (other IDs kept).
     * If the client signs with a key other than {@link OidcClients#DEFAULT_KEY}, its ID is also added to that
     * key's {@code allowed_client_ids}, without which Vault's token endpoint refuses it. Running it again with
     * the same arguments changes nothing and returns the same values.
     *
     * <pre>{@code
     * OidcProviders.Setup app = vault.identity().oidc().providers().setUp("corp", "wiki",
     *         List.of("https://wiki.example.com/callback"), "wiki-users", OidcAssignments.Request.groups(staffGroupId));
     * }</pre>
     *
     * @param provider      the provider name (created if missing; {@link #DEFAULT} works too)
     * @param client        the client name
     * @param redirectUris  the client's redirect URIs (replace the stored ones)
     * @param assignment    the assignment name (not {@link OidcAssignments#ALLOW_ALL}, which cannot be written)
     * @param members       the entities or groups of the assignment
     * @return the issuer, client ID and client secret
     */
    public Setup setUp(
            String provider,
            String client,
            List<String> redirectUris,
            String assignment,
            OidcAssignments.Request members) {
        Objects.requireNonNull(redirectUris, "redirectUris");
        Objects.requireNonNull(members, "members");
        OidcAdmin admin = oidc != null ? oidc : new OidcAdmin(ops);
        admin.assignments().write(assignment, members);
        admin.clients()
                .write(
                        client,
                        OidcClients.Request.builder()
                                .redirectUris(redirectUris)
                                .assignments(assignment)
                                .build());
        OidcClients.Client c = admin.clients()
                .read(client)
                .orElseThrow(() -> Wire.malformed("client " + client + " vanished right after it was written"));
        if (!OidcClients.DEFAULT_KEY.equals(c.key())) {
            admin.readKey(c.key()).ifPresent(k -> {
                if (!k.allowedClientIds().contains("*") && !k.allowedClientIds().contains(c.clientId())) {
                    admin.writeKey(
                            k.name(),
                            NamedKeyRequest.builder()
                                    .allowedClientIds(union(k.allowedClientIds(), c.clientId()))
                                    .build());
                }
            });
        }
        Optional<Provider> existing = read(provider);
        List<String> allowed = existing.map(Provider::allowedClientIds).orElse(List.of());
        if (existing.isEmpty() || !(allowed.contains("*") || allowed.contains(c.clientId()))) {
            write(provider, new Request(null, union(allowed, c.clientId()), null));
        }
        Provider p = read(provider)
                .orElseThrow(() -> Wire.malformed("provider " + provider + " vanished right after it was written"));
        return new Setup(p.issuer(), c.clientId(), c.clientSecret());
    }

    private static List<String> union(List<String> list, String extra) {
        TreeSet<String> all = new TreeSet<>(list);
        all.add(extra);
        return List.copyOf(all);
    }

    private List<Provider> detailed(VaultResponse r) {
        JsonNode info = r.data() == null ? null : r.data().get("key_info");
        List<Provider> out = new ArrayList<>();
        for (String name : r.keys()) {
            JsonNode d = info == null ? null : info.get(name);
            if (d != null && d.isObject()) {
                out.add(provider(name, d));
            }
        }
        out.sort(Comparator.comparing(Provider::name));
        return Collections.unmodifiableList(out);
    }

    private static Provider provider(String name, JsonNode d) {
        return new Provider(
                name,
                Wire.text(d, "issuer"),
                Wire.strings(d, "allowed_client_ids"),
                Wire.strings(d, "scopes_supported"));
    }

    @Override
    public String toString() {
        return "OidcProviders[" + ops + "]";
    }

    /**
     * The fields to write to a provider ({@code identity/oidc/provider/:name}). Null fields are not sent.
     *
     * @param issuer           {@code scheme://host[:port]} only (no path), or {@code ""} for Vault's api_addr;
     *                         null to not send
     * @param allowedClientIds the client IDs that may use the provider, {@code "*"} for all; null to not send
     * @param scopesSupported  scope names (each must exist); null to not send
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(
            @JsonProperty("issuer") String issuer,
            @JsonProperty("allowed_client_ids") List<String> allowedClientIds,
            @JsonProperty("scopes_supported") List<String> scopesSupported) {

        /** Copies the lists; null stays null (not sent). */
        public Request {
            allowedClientIds = allowedClientIds == null ? null : List.copyOf(allowedClientIds);
            scopesSupported = scopesSupported == null ? null : List.copyOf(scopesSupported);
        }

        /** A request that sends only the allowed client IDs. */
        public static Request allowing(String... clientIds) {
            return new Request(null, List.of(clientIds), null);
        }
    }

    /**
     * An OIDC provider ({@code GET identity/oidc/provider/:name}, spec §9.5).
     *
     * @param name             the provider's name
     * @param issuer           the effective issuer, {@code <issuer or api_addr>/v1/<ns/>identity/oidc/provider/<name>},
     *                         exactly what the provider's tokens carry in {@code iss} (Vault never returns the
     *                         stored value; its docs' sample {@code ""} is wrong)
     * @param allowedClientIds the client IDs that may use the provider; {@code ["*"]} for all
     * @param scopesSupported  the scopes offered besides {@code openid}
     */
    public record Provider(String name, String issuer, List<String> allowedClientIds, List<String> scopesSupported) {
        /** Copies the lists, so the record is immutable. */
        public Provider {
            allowedClientIds = allowedClientIds == null ? List.of() : List.copyOf(allowedClientIds);
            scopesSupported = scopesSupported == null ? List.of() : List.copyOf(scopesSupported);
        }
    }

    /**
     * A provider's OpenID discovery document ({@code GET identity/oidc/provider/:name/.well-known/openid-configuration},
     * spec §9.6). Note that {@code authorizationEndpoint} is Vault's UI consent page ({@code /ui/vault/…}); API
     * clients call {@code <issuer>/authorize}.
     *
     * @param issuer                            the effective issuer
     * @param jwksUri                           {@code <issuer>/.well-known/keys}
     * @param authorizationEndpoint             the UI consent page
     * @param tokenEndpoint                     {@code <issuer>/token}
     * @param userinfoEndpoint                  {@code <issuer>/userinfo}
     * @param requestParameterSupported         always false
     * @param requestUriParameterSupported      always false
     * @param idTokenSigningAlgValuesSupported  the seven algorithms Vault can sign with
     * @param responseTypesSupported            {@code ["code"]}
     * @param scopesSupported                   the provider's scopes and {@code openid}
     * @param claimsSupported                   always empty
     * @param subjectTypesSupported             {@code ["public"]}
     * @param grantTypesSupported               {@code ["authorization_code"]} (OpenBao 2.7.2 does not list its
     *                                          client-credentials grant here either)
     * @param tokenEndpointAuthMethodsSupported {@code none, client_secret_basic, client_secret_post}
     * @param codeChallengeMethodsSupported     {@code plain, S256} on Vault; empty on OpenBao, which omits the field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Discovery(
            @JsonProperty("issuer") String issuer,
            @JsonProperty("jwks_uri") String jwksUri,
            @JsonProperty("authorization_endpoint") String authorizationEndpoint,
            @JsonProperty("token_endpoint") String tokenEndpoint,
            @JsonProperty("userinfo_endpoint") String userinfoEndpoint,
            @JsonProperty("request_parameter_supported") boolean requestParameterSupported,
            @JsonProperty("request_uri_parameter_supported") boolean requestUriParameterSupported,

            @JsonProperty("id_token_signing_alg_values_supported")
            List<String> idTokenSigningAlgValuesSupported,

            @JsonProperty("response_types_supported") List<String> responseTypesSupported,
            @JsonProperty("scopes_supported") List<String> scopesSupported,
            @JsonProperty("claims_supported") List<String> claimsSupported,
            @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
            @JsonProperty("grant_types_supported") List<String> grantTypesSupported,

            @JsonProperty("token_endpoint_auth_methods_supported")
            List<String> tokenEndpointAuthMethodsSupported,

            @JsonProperty("code_challenge_methods_supported")
            List<String> codeChallengeMethodsSupported) {

        /** Null lists become empty lists. */
        public Discovery {
            idTokenSigningAlgValuesSupported = copy(idTokenSigningAlgValuesSupported);
            responseTypesSupported = copy(responseTypesSupported);
            scopesSupported = copy(scopesSupported);
            claimsSupported = copy(claimsSupported);
            subjectTypesSupported = copy(subjectTypesSupported);
            grantTypesSupported = copy(grantTypesSupported);
            tokenEndpointAuthMethodsSupported = copy(tokenEndpointAuthMethodsSupported);
            codeChallengeMethodsSupported = copy(codeChallengeMethodsSupported);
        }

        private static List<String> copy(List<String> l) {
            return l == null ? List.of() : List.copyOf(l);
        }
    }

    /**
     * What {@link OidcProviders#setUp} produced: everything a relying party needs. {@link #toString()} never shows
     * the secret.
     *
     * @param issuer       the provider's effective issuer (for {@code TokenVerifier.Builder.issuer} or discovery)
     * @param clientId     the client ID (the {@code aud} of its ID tokens)
     * @param clientSecret the client secret; {@code ""} for a public client
     */
    public record Setup(String issuer, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Setup[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null || clientSecret.isEmpty() ? "" : "<redacted>") + "]";
        }
    }
}
