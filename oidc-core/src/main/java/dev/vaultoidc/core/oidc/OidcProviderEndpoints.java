package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.internal.json.VaultJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The protocol endpoints of one Vault OIDC provider (spec §9.8–§9.10, §9.12): {@code authorize} with an end
 * user's Vault token, {@code token} with client credentials, and {@code userinfo} with an access token. Each
 * call is one HTTP request, never retried (a code is consumed by any exchange attempt). Obtain one with
 * {@code vault.oidcProvider(name)}, which shares the client's connection pool, TLS and namespace, or with
 * {@link #builder(String, String)}. Thread-safe. Tokens, codes and secrets never appear in exceptions or logs.
 *
 * <pre>{@code
 * OidcProviderEndpoints corp = vault.oidcProvider("corp");
 * OidcProviderEndpoints.AuthorizationCode code = corp.authorize(userVaultToken,
 *         OidcProviderEndpoints.AuthorizeRequest.code(clientId, redirectUri, "openid")
 *                 .withState(state)
 *                 .withNonce(nonce));
 * OidcProviderEndpoints.Tokens tokens = corp.exchangeCode(clientId, clientSecret, code.code(), redirectUri, null);
 * Map<String, Object> me = corp.userinfo(tokens.accessToken());
 * }</pre>
 */
public final class OidcProviderEndpoints {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_BODY = 256 * 1024;

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String namespace;
    private final String provider;

    private OidcProviderEndpoints(Builder b) {
        // Never follow redirects: a redirected token request would carry the client's credentials elsewhere.
        this.http = b.http != null
                ? b.http.newBuilder()
                        .followRedirects(false)
                        .followSslRedirects(false)
                        .build()
                : new OkHttpClient.Builder()
                        .followRedirects(false)
                        .followSslRedirects(false)
                        .callTimeout(Duration.ofSeconds(30))
                        .build();
        this.provider = b.provider;
        this.namespace = b.namespace;
        HttpUrl root =
                HttpUrl.parse(b.address.endsWith("/") ? b.address.substring(0, b.address.length() - 1) : b.address);
        if (root == null) {
            throw new IllegalArgumentException("address must be an http(s) URL");
        }
        this.base = root.newBuilder()
                .addPathSegment("v1")
                .addPathSegment("identity")
                .addPathSegment("oidc")
                .addPathSegment("provider")
                .addPathSegment(provider)
                .build();
    }

    /** A builder for the endpoints of provider {@code provider} at Vault {@code address}. */
    public static Builder builder(String address, String provider) {
        return new Builder(address, provider);
    }

    /** The provider's name. */
    public String provider() {
        return provider;
    }

    /**
     * Asks for an authorization code as the entity of {@code vaultToken} ({@code POST …/authorize}).
     *
     * @param vaultToken an end user's Vault token; it must have an entity in one of the client's assignments
     * @throws OidcProviderException with Vault's OAuth error, e.g. {@code invalid_redirect_uri},
     *     {@code access_denied}, {@code invalid_request} (no {@code openid} scope)
     */
    public AuthorizationCode authorize(String vaultToken, AuthorizeRequest request) {
        Objects.requireNonNull(vaultToken, "vaultToken");
        Objects.requireNonNull(request, "request");
        byte[] body;
        try {
            body = VaultJson.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request cannot be serialised", e);
        }
        Request r = request("authorize")
                .header("X-Vault-Token", vaultToken)
                .post(RequestBody.create(body, JSON))
                .build();
        return code(call(r));
    }

    private static AuthorizationCode code(JsonNode answer) {
        String code = text(answer, "code");
        if (code.isEmpty()) {
            throw new OidcProviderException(200, "malformed_response", "authorize answered without a code", null);
        }
        return new AuthorizationCode(code, text(answer, "state"));
    }

    /**
     * As {@link #authorize(String, AuthorizeRequest)} with Vault's other form, {@code GET …/authorize} with the
     * parameters in the query (what a browser redirect carries). The answer and errors are the same.
     */
    public AuthorizationCode authorizeWithGet(String vaultToken, AuthorizeRequest request) {
        Objects.requireNonNull(vaultToken, "vaultToken");
        Objects.requireNonNull(request, "request");
        HttpUrl.Builder url = base.newBuilder().addPathSegment("authorize");
        Map<String, Object> params =
                VaultJson.mapper().convertValue(request, new TypeReference<Map<String, Object>>() {});
        params.forEach((k, v) -> url.addQueryParameter(k, String.valueOf(v)));
        Request.Builder r = new Request.Builder()
                .url(url.build())
                .header("X-Vault-Token", vaultToken)
                .get();
        if (namespace != null) {
            r.header("X-Vault-Namespace", namespace);
        }
        return code(call(r.build()));
    }

    /**
     * Exchanges an authorization code for tokens ({@code grant_type=authorization_code}). A confidential client
     * authenticates with {@code client_secret_basic}; a public client (null or empty secret) sends its ID in the
     * body and must send {@code codeVerifier}.
     *
     * @param codeVerifier the PKCE verifier if the code was requested with a challenge, else null
     * @throws OidcProviderException e.g. {@code invalid_client} (401: unknown client, bad secret),
     *     {@code invalid_grant} (reused or expired code, other redirect URI, wrong verifier)
     */
    public Tokens exchangeCode(
            String clientId, String clientSecret, String code, String redirectUri, String codeVerifier) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri);
        if (codeVerifier != null) {
            form.add("code_verifier", codeVerifier);
        }
        return tokens(clientId, clientSecret, form);
    }

    /**
     * OpenBao 2.5+ only: a machine-to-machine access token for a confidential client that has
     * {@code client_credentials=true} ({@code grant_type=client_credentials}). The token is a JWT signed by the
     * client's key with {@code sub = aud = client_id}, living the client's {@code id_token_ttl}; verify it with
     * {@code TokenVerifier.builder().vaultProvider(...)}. HashiCorp Vault answers {@code unsupported_grant_type}.
     *
     * @param scope space-separated scopes; must contain {@code openid}
     */
    public Tokens clientCredentials(String clientId, String clientSecret, String scope) {
        Objects.requireNonNull(scope, "scope");
        return tokens(
                clientId,
                clientSecret,
                new FormBody.Builder().add("grant_type", "client_credentials").add("scope", scope));
    }

    /**
     * The claims of the access token's entity ({@code GET …/userinfo}): {@code sub} plus the claims of the
     * token's scopes the provider still offers.
     *
     * @throws OidcProviderException {@code invalid_token} (401) for an unknown, expired or foreign token,
     *     {@code access_denied} (403) when the client or assignment changed since
     */
    public Map<String, Object> userinfo(String accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        JsonNode answer = call(request("userinfo")
                .header("Authorization", "Bearer " + accessToken)
                .get()
                .build());
        return Collections.unmodifiableMap(
                VaultJson.mapper().convertValue(answer, new TypeReference<Map<String, Object>>() {}));
    }

    private Tokens tokens(String clientId, String clientSecret, FormBody.Builder form) {
        Objects.requireNonNull(clientId, "clientId");
        Request.Builder r = request("token");
        if (clientSecret != null && !clientSecret.isEmpty()) {
            // Go's Request.BasicAuth does not form-decode, so the raw id:secret is what Vault compares.
            String basic = Base64.getEncoder()
                    .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            r.header("Authorization", "Basic " + basic);
        } else {
            form.add("client_id", clientId);
        }
        JsonNode answer = call(r.post(form.build()).build());
        String access = text(answer, "access_token");
        if (access.isEmpty()) {
            throw new OidcProviderException(200, "malformed_response", "token answer without access_token", null);
        }
        JsonNode exp = answer.get("expires_in");
        return new Tokens(
                access,
                text(answer, "id_token"),
                Duration.ofSeconds(exp != null && exp.isNumber() ? exp.asLong() : 0),
                text(answer, "token_type"));
    }

    private Request.Builder request(String endpoint) {
        Request.Builder b = new Request.Builder()
                .url(base.newBuilder().addPathSegment(endpoint).build());
        if (namespace != null) {
            b.header("X-Vault-Namespace", namespace);
        }
        return b;
    }

    private JsonNode call(Request request) {
        String endpoint = request.url().pathSegments().get(request.url().pathSize() - 1);
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = new byte[0];
            if (body != null) {
                // Bounded: a hostile or confused server cannot make us buffer more than MAX_BODY.
                okio.BufferedSource src = body.source();
                src.request(MAX_BODY);
                bytes = src.getBuffer().readByteArray(Math.min(src.getBuffer().size(), MAX_BODY));
            }
            JsonNode json = parse(bytes);
            if (response.code() >= 200 && response.code() < 300 && json != null && json.isObject()) {
                return json;
            }
            if (json != null && json.hasNonNull("error")) {
                throw new OidcProviderException(
                        response.code(), json.get("error").asText(), text(json, "error_description"), null);
            }
            String errors = json != null
                            && json.path("errors").isArray()
                            && !json.get("errors").isEmpty()
                    ? String.join(
                                    "; ",
                                    VaultJson.mapper()
                                            .convertValue(
                                                    json.get("errors"), new TypeReference<java.util.List<String>>() {}))
                            .replaceAll("\\s+", " ")
                            .trim()
                    : "unexpected answer from " + endpoint;
            throw new OidcProviderException(
                    response.code(), response.code() == 404 ? "not_found" : "vault_error", errors, null);
        } catch (IOException e) {
            throw new OidcProviderException(
                    0, "transport_error", endpoint + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return VaultJson.mapper().readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    @Override
    public String toString() {
        return "OidcProviderEndpoints[" + base + (namespace == null ? "" : ", namespace=" + namespace) + "]";
    }

    /** Builds {@link OidcProviderEndpoints}. */
    public static final class Builder {
        private final String address;
        private final String provider;
        private String namespace;
        private OkHttpClient http;

        private Builder(String address, String provider) {
            this.address = Objects.requireNonNull(address, "address").strip();
            this.provider = Wire.name(provider, "provider name");
        }

        /** The Enterprise namespace, sent as {@code X-Vault-Namespace}; null or blank for none. */
        public Builder namespace(String namespace) {
            this.namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
            return this;
        }

        /**
         * The HTTP client (timeouts, TLS, pool; redirects are switched off on a derived copy); default: OkHttp
         * defaults, no redirects, 30 s per call.
         */
        public Builder okHttpClient(OkHttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Builds the endpoints. */
        public OidcProviderEndpoints build() {
            return new OidcProviderEndpoints(this);
        }
    }

    /**
     * The parameters of an authorization request ({@code identity/oidc/provider/:name/authorize}, spec §9.8). Null
     * fields are not sent. {@code scope} must contain {@code openid}; {@code response_type} is {@code code}.
     *
     * @param clientId            the client ID
     * @param redirectUri         one of the client's redirect URIs
     * @param scope               space-separated scopes, e.g. {@code openid groups}
     * @param responseType        {@code code}
     * @param state               opaque value echoed back; null to not send
     * @param nonce               copied into the ID token's {@code nonce}; null to not send
     * @param maxAge              seconds since the user's Vault token was created, at most; null to not send
     * @param codeChallenge       the PKCE challenge (required for public clients); null to not send
     * @param codeChallengeMethod {@code S256} or {@code plain}; null to not send
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthorizeRequest(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("redirect_uri") String redirectUri,
            @JsonProperty("scope") String scope,
            @JsonProperty("response_type") String responseType,
            @JsonProperty("state") String state,
            @JsonProperty("nonce") String nonce,
            @JsonProperty("max_age") Long maxAge,
            @JsonProperty("code_challenge") String codeChallenge,
            @JsonProperty("code_challenge_method") String codeChallengeMethod) {

        /** A code-flow request with {@code response_type=code}; add the rest with the {@code with…} methods. */
        public static AuthorizeRequest code(String clientId, String redirectUri, String scope) {
            return new AuthorizeRequest(clientId, redirectUri, scope, "code", null, null, null, null, null);
        }

        /** This request with {@code state}. */
        public AuthorizeRequest withState(String state) {
            return new AuthorizeRequest(
                    clientId,
                    redirectUri,
                    scope,
                    responseType,
                    state,
                    nonce,
                    maxAge,
                    codeChallenge,
                    codeChallengeMethod);
        }

        /** This request with {@code nonce}. */
        public AuthorizeRequest withNonce(String nonce) {
            return new AuthorizeRequest(
                    clientId,
                    redirectUri,
                    scope,
                    responseType,
                    state,
                    nonce,
                    maxAge,
                    codeChallenge,
                    codeChallengeMethod);
        }

        /** This request with {@code max_age} in seconds. */
        public AuthorizeRequest withMaxAge(long seconds) {
            return new AuthorizeRequest(
                    clientId,
                    redirectUri,
                    scope,
                    responseType,
                    state,
                    nonce,
                    seconds,
                    codeChallenge,
                    codeChallengeMethod);
        }

        /** This request with the challenge of {@code pkce}. */
        public AuthorizeRequest withPkce(Pkce pkce) {
            return new AuthorizeRequest(
                    clientId, redirectUri, scope, responseType, state, nonce, maxAge, pkce.challenge(), pkce.method());
        }
    }

    /**
     * The answer of {@code authorize} (spec §9.8): a single-use code that lives 5 minutes. {@link #toString()} hides
     * the code.
     *
     * @param code  the authorization code
     * @param state the request's {@code state}, echoed; {@code ""} when none was sent
     */
    public record AuthorizationCode(String code, String state) {
        @Override
        public String toString() {
            return "AuthorizationCode[code=<redacted>, state=" + state + "]";
        }
    }

    /**
     * A PKCE pair (RFC 7636): the {@code verifier} the relying party keeps, and the {@code challenge} it sends to
     * {@code authorize}. {@link #toString()} hides the verifier.
     *
     * @param verifier  the secret code verifier (43–128 characters)
     * @param challenge the code challenge sent to authorize
     * @param method    {@code S256} or {@code plain}
     */
    public record Pkce(String verifier, String challenge, String method) {

        private static final SecureRandom RANDOM = new SecureRandom();

        /** A fresh S256 pair with a 43-character random verifier (256 bits). */
        public static Pkce s256() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return s256(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }

        /** The S256 pair for {@code verifier}: {@code challenge = BASE64URL(SHA-256(verifier))}. */
        public static Pkce s256(String verifier) {
            Objects.requireNonNull(verifier, "verifier");
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(
                        verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(d), "S256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }

        @Override
        public String toString() {
            return "Pkce[method=" + method + ", challenge=" + challenge + ", verifier=<redacted>]";
        }
    }

    /**
     * A token endpoint answer (spec §9.9; OpenBao's client-credentials grant, §9.12). {@link #toString()} shows no
     * token.
     *
     * @param accessToken the access token: a Vault batch token usable only at the provider's userinfo (code flow),
     *                    or a signed JWT with {@code sub = aud = client_id} (OpenBao client credentials)
     * @param idToken     the ID token (code flow); {@code ""} for client credentials
     * @param expiresIn   the access token's lifetime
     * @param tokenType   {@code Bearer}
     */
    public record Tokens(String accessToken, String idToken, Duration expiresIn, String tokenType) {
        @Override
        public String toString() {
            return "Tokens[accessToken=<redacted>, idToken="
                    + (idToken == null || idToken.isEmpty() ? "" : "<redacted>") + ", expiresIn=" + expiresIn
                    + ", tokenType=" + tokenType + "]";
        }
    }
}
