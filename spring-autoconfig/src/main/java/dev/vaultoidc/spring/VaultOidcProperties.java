package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.SignatureProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under vault.oidc. Names mirror spring.security.oauth2.resourceserver.jwt.* where the
 * concept is the same (issuer-uri, audiences, jws-algorithms, principal-claim-name,
 * authorities-claim-name). Defaults left null here mean "the library's default", documented in
 * docs/verifier.md and docs/vault-client.md. {@link #toString()} never shows a credential.
 */
@ConfigurationProperties("vault.oidc")
public class VaultOidcProperties {

    /** Whether vault-oidc auto-configuration is active at all. */
    private boolean enabled = true;

    /**
     * Vault's address, e.g. https://vault.example.com:8200. Enables the VaultClient bean; when
     * issuer-uri is not set, the token issuer is derived from it (and namespace).
     */
    private String address;

    /** Vault Enterprise namespace, sent as X-Vault-Namespace and part of the derived issuer. */
    private String namespace;

    /**
     * Name of a Vault OIDC provider (identity/oidc/provider/NAME) whose tokens to accept instead of Vault's
     * identity tokens: the issuer becomes address/v1/NAMESPACE/identity/oidc/provider/NAME. Audiences are then
     * the provider clients' client_ids. Cannot be combined with introspection, which only knows identity-token
     * issuers.
     */
    private String provider;

    /** How the VaultClient logs in to Vault. */
    private final Auth auth = new Auth();

    /** TLS to Vault, for the VaultClient and the verifier's discovery and JWKS requests alike. */
    private final Tls tls = new Tls();

    /**
     * Issuer of the ID tokens to accept, exactly as in their iss claim, e.g.
     * https://vault.example.com:8200/v1/identity/oidc. Defaults to one derived from address and
     * namespace.
     */
    private String issuerUri;

    /**
     * Accepted audiences: the client_ids of the Vault OIDC roles whose tokens this service accepts.
     * Required to verify tokens: without an audience a verifier would accept every role's tokens.
     */
    private List<String> audiences = new ArrayList<>();

    /**
     * Accepted JWS algorithms. Defaults to Vault's seven (RS256/384/512, ES256/384/512, EdDSA); none and
     * HMAC are never accepted.
     */
    private List<String> jwsAlgorithms = new ArrayList<>();

    /** Leeway for exp, nbf and iat; at most 5 minutes. */
    private Duration clockSkew = Duration.ofSeconds(60);

    /** Longest token accepted, in characters; checked before any parsing. */
    private int maxTokenSize = 16384;

    /**
     * Which provider checks token signatures: auto uses the native Amazon Corretto Crypto Provider when it is on
     * the class path, loads and passes the self-test, else the JDK; jdk never uses it; native fails startup when it
     * cannot be used. The active one shows in the health endpoint.
     */
    private SignatureProvider signatureProvider = SignatureProvider.AUTO;

    /**
     * Fetch the issuers' keys in the background at startup, so the first request does not wait for them. A Vault
     * that is down at startup does not fail the application; it shows in the health endpoint.
     */
    private boolean warmUp = true;

    /** Caching of Vault's discovery document and JWKS. */
    private final Jwks jwks = new Jwks();

    /** Online check of each token with Vault (identity/oidc/introspect), on top of local verification. */
    private final Introspection introspection = new Introspection();

    /** Cache of tokens already verified (keyed by their hash, each entry expiring at the token's exp). */
    private final TokenCache tokenCache = new TokenCache();

    /** Claim used as the authenticated principal's name; defaults to sub, the Vault entity id. */
    private String principalClaimName = "sub";

    /**
     * Claim whose values become granted authorities, typically a groups claim rendered by the role's
     * template (e.g. "groups": {{identity.entity.groups.names}}).
     */
    private String authoritiesClaimName = "groups";

    /**
     * Prefix added to each value of authorities-claim-name. The default ROLE_ makes
     * hasRole("admins") match a member of the Vault group admins.
     */
    private String authorityPrefix = "ROLE_";

    /**
     * Retry-After of the 503 answered while a token cannot be verified because Vault's keys (or its online check)
     * are unavailable; at least 1 second. Used by the Spring Security modes (servlet and reactive) and the filter.
     */
    private Duration retryAfter = Duration.ofSeconds(5);

    /** The servlet filter used by servlet applications without Spring Security. */
    private final Filter filter = new Filter();

    /** Vault-issued ID tokens for this service's own outgoing calls. */
    private final IdToken idToken = new IdToken();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public Auth getAuth() {
        return auth;
    }

    public Tls getTls() {
        return tls;
    }

    public String getIssuerUri() {
        return issuerUri;
    }

    public void setIssuerUri(String issuerUri) {
        this.issuerUri = issuerUri;
    }

    public List<String> getAudiences() {
        return audiences;
    }

    public void setAudiences(List<String> audiences) {
        this.audiences = audiences;
    }

    public List<String> getJwsAlgorithms() {
        return jwsAlgorithms;
    }

    public void setJwsAlgorithms(List<String> jwsAlgorithms) {
        this.jwsAlgorithms = jwsAlgorithms;
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    public int getMaxTokenSize() {
        return maxTokenSize;
    }

    public void setMaxTokenSize(int maxTokenSize) {
        this.maxTokenSize = maxTokenSize;
    }

    public SignatureProvider getSignatureProvider() {
        return signatureProvider;
    }

    public void setSignatureProvider(SignatureProvider signatureProvider) {
        this.signatureProvider = signatureProvider;
    }

    public boolean isWarmUp() {
        return warmUp;
    }

    public void setWarmUp(boolean warmUp) {
        this.warmUp = warmUp;
    }

    public Jwks getJwks() {
        return jwks;
    }

    public TokenCache getTokenCache() {
        return tokenCache;
    }

    public Introspection getIntrospection() {
        return introspection;
    }

    public String getPrincipalClaimName() {
        return principalClaimName;
    }

    public void setPrincipalClaimName(String principalClaimName) {
        this.principalClaimName = principalClaimName;
    }

    public String getAuthoritiesClaimName() {
        return authoritiesClaimName;
    }

    public void setAuthoritiesClaimName(String authoritiesClaimName) {
        this.authoritiesClaimName = authoritiesClaimName;
    }

    public String getAuthorityPrefix() {
        return authorityPrefix;
    }

    public void setAuthorityPrefix(String authorityPrefix) {
        this.authorityPrefix = authorityPrefix;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public Filter getFilter() {
        return filter;
    }

    public IdToken getIdToken() {
        return idToken;
    }

    @Override
    public String toString() {
        return "VaultOidcProperties[address=" + address + ", namespace=" + namespace + ", auth=" + auth.getMethod()
                + ", issuerUri=" + issuerUri + ", audiences=" + audiences + "]";
    }

    /** How to log in to Vault. */
    public enum AuthMethod {
        /** No Vault token: enough for a verifier, which only reads unauthenticated OIDC endpoints. */
        NONE,
        /** A fixed token (auth.token). */
        TOKEN,
        /** A token read from a file and re-read when it changes, e.g. written by Vault Agent (auth.token-file). */
        TOKEN_FILE,
        /** AppRole login (auth.approle.*). */
        APPROLE,
        /** Kubernetes service-account login (auth.kubernetes.*). */
        KUBERNETES,
        /** JWT/OIDC auth-method login with a JWT read from a file (auth.jwt.*). */
        JWT
    }

    /** Vault login settings. */
    public static class Auth {
        /**
         * Login method. When unset it is inferred from which settings are present: token,
         * token-file, approle.role-id, kubernetes.role, jwt.role; else none.
         */
        private AuthMethod method;

        /** A Vault token (method token). Prefer token-file or a login method in production. */
        private String token;

        /** Renew the fixed token at 2/3 of its TTL while it is renewable. */
        private boolean renew = false;

        /** File holding a Vault token, re-read when it changes (method token-file). */
        private Path tokenFile;

        /** AppRole login settings. */
        private final AppRole approle = new AppRole();

        /** Kubernetes login settings. */
        private final Kubernetes kubernetes = new Kubernetes();

        /** JWT auth-method login settings. */
        private final Jwt jwt = new Jwt();

        /**
         * Whether to use Spring Cloud Vault's session (its SessionManager bean) for the VaultClient's Vault
         * calls when the application has one, no other vault.oidc.auth setting is made, and address is
         * Spring Cloud Vault's Vault.
         */
        private boolean useSpringCloudVault = true;

        public AuthMethod getMethod() {
            return method;
        }

        public void setMethod(AuthMethod method) {
            this.method = method;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public boolean isRenew() {
            return renew;
        }

        public void setRenew(boolean renew) {
            this.renew = renew;
        }

        public Path getTokenFile() {
            return tokenFile;
        }

        public void setTokenFile(Path tokenFile) {
            this.tokenFile = tokenFile;
        }

        public AppRole getApprole() {
            return approle;
        }

        public Kubernetes getKubernetes() {
            return kubernetes;
        }

        public Jwt getJwt() {
            return jwt;
        }

        public boolean isUseSpringCloudVault() {
            return useSpringCloudVault;
        }

        public void setUseSpringCloudVault(boolean useSpringCloudVault) {
            this.useSpringCloudVault = useSpringCloudVault;
        }

        @Override
        public String toString() {
            return "Auth[method=" + method + "]";
        }
    }

    /** AppRole login (POST auth/<mount>/login). */
    public static class AppRole {
        /** The role_id. */
        private String roleId;

        /** The secret_id; prefer secret-id-file. */
        private String secretId;

        /** File holding the secret_id, read at each login (e.g. written by a response-wrapping unwrapper). */
        private Path secretIdFile;

        /** Mount path of the AppRole auth method. */
        private String mount = "approle";

        public String getRoleId() {
            return roleId;
        }

        public void setRoleId(String roleId) {
            this.roleId = roleId;
        }

        public String getSecretId() {
            return secretId;
        }

        public void setSecretId(String secretId) {
            this.secretId = secretId;
        }

        public Path getSecretIdFile() {
            return secretIdFile;
        }

        public void setSecretIdFile(Path secretIdFile) {
            this.secretIdFile = secretIdFile;
        }

        public String getMount() {
            return mount;
        }

        public void setMount(String mount) {
            this.mount = mount;
        }

        @Override
        public String toString() {
            return "AppRole[mount=" + mount + "]";
        }
    }

    /** Kubernetes login (POST auth/<mount>/login with the service-account token). */
    public static class Kubernetes {
        /** The Vault role to log in as. */
        private String role;

        /** Mount path of the Kubernetes auth method. */
        private String mount = "kubernetes";

        /** Service-account token file, read at each login. */
        private Path serviceAccountTokenFile = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        public String getMount() {
            return mount;
        }

        public void setMount(String mount) {
            this.mount = mount;
        }

        public Path getServiceAccountTokenFile() {
            return serviceAccountTokenFile;
        }

        public void setServiceAccountTokenFile(Path serviceAccountTokenFile) {
            this.serviceAccountTokenFile = serviceAccountTokenFile;
        }
    }

    /** JWT auth-method login (POST auth/<mount>/login with a JWT from a file). */
    public static class Jwt {
        /** The Vault role to log in as. */
        private String role;

        /** Mount path of the JWT auth method. */
        private String mount = "jwt";

        /** File holding the JWT presented at login, read at each login (e.g. a projected token). */
        private Path tokenFile;

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        public String getMount() {
            return mount;
        }

        public void setMount(String mount) {
            this.mount = mount;
        }

        public Path getTokenFile() {
            return tokenFile;
        }

        public void setTokenFile(Path tokenFile) {
            this.tokenFile = tokenFile;
        }
    }

    /** TLS settings; files are read at startup, so a mistake fails it. */
    public static class Tls {
        /**
         * PEM file of the CA certificate(s) to trust for Vault, like VAULT_CACERT. It replaces the
         * platform's trust: a private Vault should not be trusted on the word of any public CA.
         */
        private Path caBundle;

        /** PEM client certificate for mutual TLS (with client-key). */
        private Path clientCertificate;

        /** PEM PKCS#8 private key of client-certificate. */
        private Path clientKey;

        public Path getCaBundle() {
            return caBundle;
        }

        public void setCaBundle(Path caBundle) {
            this.caBundle = caBundle;
        }

        public Path getClientCertificate() {
            return clientCertificate;
        }

        public void setClientCertificate(Path clientCertificate) {
            this.clientCertificate = clientCertificate;
        }

        public Path getClientKey() {
            return clientKey;
        }

        public void setClientKey(Path clientKey) {
            this.clientKey = clientKey;
        }
    }

    /** Discovery and JWKS caching (see docs/verifier.md, "Cache design"). */
    public static class Jwks {
        /** Lower bound on the JWKS cache time; Vault's jittered max-age may be 0. */
        private Duration minTtl = Duration.ofSeconds(30);

        /** Upper bound on the JWKS cache time, so a deleted key does not stay trusted for long. */
        private Duration maxTtl = Duration.ofHours(1);

        /** Cache time when Vault sends no Cache-Control. */
        private Duration fallbackTtl = Duration.ofSeconds(60);

        /** How long before the cache time ends a background refresh starts. */
        private Duration refreshAhead = Duration.ofSeconds(30);

        /** How long keys are still used past their cache time while Vault is unreachable; then fail closed. */
        private Duration maxStaleness = Duration.ofMinutes(15);

        /** Minimum time between fetch attempts after a failure. */
        private Duration retryInterval = Duration.ofSeconds(5);

        /** Minimum time between fetches forced by tokens naming an unknown kid. */
        private Duration unknownKidRefreshInterval = Duration.ofSeconds(30);

        /** Longest a request waits for keys when none are cached (cold start). */
        private Duration fetchWait = Duration.ofSeconds(5);

        /** Connect and read timeout of discovery and JWKS requests. */
        private Duration httpTimeout = Duration.ofSeconds(2);

        /**
         * Cap on the discovery and JWKS documents. The default, 2MB, holds about 2,400 RSA-4096 keys; Vault
         * publishes current, next and previous keys of every named key, so raise it for very many named keys.
         */
        private org.springframework.util.unit.DataSize maxSize = org.springframework.util.unit.DataSize.ofBytes(
                dev.vaultoidc.core.verify.TokenVerifier.Builder.DEFAULT_MAX_RESPONSE_BYTES);

        public Duration getMinTtl() {
            return minTtl;
        }

        public void setMinTtl(Duration minTtl) {
            this.minTtl = minTtl;
        }

        public Duration getMaxTtl() {
            return maxTtl;
        }

        public void setMaxTtl(Duration maxTtl) {
            this.maxTtl = maxTtl;
        }

        public Duration getFallbackTtl() {
            return fallbackTtl;
        }

        public void setFallbackTtl(Duration fallbackTtl) {
            this.fallbackTtl = fallbackTtl;
        }

        public Duration getRefreshAhead() {
            return refreshAhead;
        }

        public void setRefreshAhead(Duration refreshAhead) {
            this.refreshAhead = refreshAhead;
        }

        public Duration getMaxStaleness() {
            return maxStaleness;
        }

        public void setMaxStaleness(Duration maxStaleness) {
            this.maxStaleness = maxStaleness;
        }

        public Duration getRetryInterval() {
            return retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }

        public Duration getUnknownKidRefreshInterval() {
            return unknownKidRefreshInterval;
        }

        public void setUnknownKidRefreshInterval(Duration unknownKidRefreshInterval) {
            this.unknownKidRefreshInterval = unknownKidRefreshInterval;
        }

        public Duration getFetchWait() {
            return fetchWait;
        }

        public void setFetchWait(Duration fetchWait) {
            this.fetchWait = fetchWait;
        }

        public Duration getHttpTimeout() {
            return httpTimeout;
        }

        public void setHttpTimeout(Duration httpTimeout) {
            this.httpTimeout = httpTimeout;
        }

        public org.springframework.util.unit.DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(org.springframework.util.unit.DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }

    /** Online token check through Vault. */
    public static class Introspection {
        /**
         * Also ask Vault whether each token is still active (its entity not disabled or deleted). Costs a Vault
         * call per token and cache period, needs address and a login allowed to call
         * identity/oidc/introspect; fails closed when Vault cannot answer.
         */
        private boolean enabled = false;

        /** How long an introspection answer is reused for the same token; 0 asks Vault on every request. */
        private Duration cacheTtl = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getCacheTtl() {
            return cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }
    }

    /** Verified-token cache. */
    public static class TokenCache {
        /** Maximum number of verified tokens kept; 0 turns the cache off. */
        private long maximumSize = 10_000;

        public long getMaximumSize() {
            return maximumSize;
        }

        public void setMaximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
        }
    }

    /** Servlet filter settings (servlet applications without Spring Security). */
    public static class Filter {
        /** Whether to register the filter when the application is a servlet app without Spring Security. */
        private boolean enabled = true;

        /** URL patterns the filter is mapped to. */
        private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

        /**
         * Paths served without a token, matched on the path within the application: exact (/health), prefix
         * (/public/*), extension (*.css) or glob (** across segments), as the servlet filter's excluded paths.
         */
        private List<String> excludedPaths = new ArrayList<>();

        /** Realm named in the WWW-Authenticate header of a 401. */
        private String realm = "vault-oidc";

        /** Filter order; by default just after Spring's own request filters. */
        private int order = -100;

        /**
         * Roles (values of authorities-claim-name, without the authority prefix) every request must have, all of
         * them; a token without them gets 403 insufficient_scope.
         */
        private List<String> requiredRoles = new ArrayList<>();

        /** Add a JSON body {"error": ..., "error_description": ...} to error answers; by default they are empty. */
        private boolean jsonErrors = false;

        /**
         * One more request header that may carry the token (raw or with a Bearer prefix), e.g. for a proxy that
         * keeps Authorization for itself. Authorization is always read. Tokens in the query string are always
         * refused (RFC 6750 section 2.3 advises against them; they end up in access logs).
         */
        private String headerName;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getUrlPatterns() {
            return urlPatterns;
        }

        public void setUrlPatterns(List<String> urlPatterns) {
            this.urlPatterns = urlPatterns;
        }

        public List<String> getExcludedPaths() {
            return excludedPaths;
        }

        public void setExcludedPaths(List<String> excludedPaths) {
            this.excludedPaths = excludedPaths;
        }

        public String getRealm() {
            return realm;
        }

        public void setRealm(String realm) {
            this.realm = realm;
        }

        public int getOrder() {
            return order;
        }

        public void setOrder(int order) {
            this.order = order;
        }

        public List<String> getRequiredRoles() {
            return requiredRoles;
        }

        public void setRequiredRoles(List<String> requiredRoles) {
            this.requiredRoles = requiredRoles;
        }

        public boolean isJsonErrors() {
            return jsonErrors;
        }

        public void setJsonErrors(boolean jsonErrors) {
            this.jsonErrors = jsonErrors;
        }

        public String getHeaderName() {
            return headerName;
        }

        public void setHeaderName(String headerName) {
            this.headerName = headerName;
        }
    }

    /** ID tokens this service fetches from Vault for its own outgoing calls. */
    public static class IdToken {
        /** The Vault OIDC role (identity/oidc/token/<role>); enables the IdTokenSupplier bean. */
        private String role;

        /**
         * Hosts (exact name, optionally :port) that the WebClient filter and the RestClient/RestTemplate interceptor
         * send this service's ID token to; requests to other hosts leave without it.
         */
        private List<String> hosts = new ArrayList<>();

        public List<String> getHosts() {
            return hosts;
        }

        public void setHosts(List<String> hosts) {
            this.hosts = hosts;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }
    }
}
