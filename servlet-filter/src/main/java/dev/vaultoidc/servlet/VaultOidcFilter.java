package dev.vaultoidc.servlet;

import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerifiedToken;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Servlet 6 filter that authenticates requests bearing a Vault-issued ID token (RFC 6750).
 *
 * <p>The token is read from the {@code Authorization: Bearer} header (scheme case-insensitive) or, if configured,
 * one other header, and verified with a {@link TokenVerifier}. On success the chain sees a request whose
 * {@code getUserPrincipal()} is a {@link VaultOidcPrincipal} (name from the principal claim, default {@code sub}),
 * whose {@code isUserInRole(r)} answers from the roles claim (default {@code groups}; a string or an array of
 * strings), and whose attribute {@link #VERIFIED_TOKEN_ATTRIBUTE} holds the {@link VerifiedToken}. Otherwise it
 * answers as RFC 6750 §3 says: 401 without {@code error} when no token was sent, 400 {@code invalid_request} for a
 * malformed or ambiguous request, 401 {@code invalid_token}, 403 {@code insufficient_scope} when required roles
 * or claims are missing, and 503 with {@code Retry-After} when Vault's keys cannot be had (the token is not
 * blamed). Error answers carry {@code Cache-Control: no-store}. The token is never logged.
 *
 * <p>Either build it in code with {@link #builder(TokenVerifier)}, or let the container create it through the
 * no-argument constructor and configure it with init-parameters (see {@code docs/servlet-filter.md}); it then
 * builds its own verifier in {@link #init(FilterConfig)} and closes it in {@link #destroy()}.
 *
 * <p>Authentication happens on the {@code REQUEST} dispatch. On later dispatches of the same request
 * ({@code ASYNC}, {@code FORWARD}, {@code INCLUDE}, {@code ERROR}) the filter, if mapped for them, restores the
 * authenticated view from the attribute and never rejects. Thread-safe; holds no thread-locals.
 */
public final class VaultOidcFilter implements Filter {
    /**
     * Request attribute holding the {@link VerifiedToken} of an authenticated request:
     * {@value}, which is {@code VerifiedToken.class.getName()}.
     */
    public static final String VERIFIED_TOKEN_ATTRIBUTE = "dev.vaultoidc.core.verify.VerifiedToken";

    /** Default realm in the {@code WWW-Authenticate} challenge. */
    public static final String DEFAULT_REALM = "vault-oidc";

    private static final Logger log = LoggerFactory.getLogger(VaultOidcFilter.class);

    private volatile FilterSettings settings;
    private volatile TokenVerifier verifier;
    private volatile BearerTokenExtractor extractor;
    private volatile ErrorResponses errors;
    private volatile boolean ownsVerifier;

    /**
     * For containers ({@code web.xml}, {@code FilterHolder}): configured from init-parameters in
     * {@link #init(FilterConfig)}. In code, prefer {@link #builder(TokenVerifier)}.
     */
    public VaultOidcFilter() {}

    private VaultOidcFilter(FilterSettings settings, TokenVerifier verifier) {
        apply(settings, verifier, false);
    }

    /** Starts configuring a filter that verifies with {@code verifier}; the caller keeps ownership (and closes it). */
    public static Builder builder(TokenVerifier verifier) {
        return new Builder(Objects.requireNonNull(verifier, "verifier"));
    }

    private void apply(FilterSettings s, TokenVerifier v, boolean owns) {
        this.extractor = new BearerTokenExtractor(s.headerName());
        this.errors = new ErrorResponses(s.realm(), s.jsonErrors(), s.retryAfter());
        this.verifier = v;
        this.ownsVerifier = owns;
        this.settings = s;
    }

    /**
     * A filter made by the builder ignores init-parameters. One made by the container reads them, builds its
     * {@link TokenVerifier} and starts fetching Vault's keys in the background.
     *
     * @throws ServletException naming the init-parameter when the configuration is invalid
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (settings != null) {
            return;
        }
        InitParameters.Parsed parsed = InitParameters.parse(config);
        apply(parsed.settings(), parsed.verifier(), true);
        parsed.verifier().warmUp();
        log.info(
                "Vault OIDC filter '{}' ready to verify tokens from {}",
                config.getFilterName(),
                parsed.verifier().issuers());
    }

    /** Closes the verifier if the filter built it from init-parameters. */
    @Override
    public void destroy() {
        TokenVerifier v = verifier;
        if (ownsVerifier && v != null) {
            v.close();
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        FilterSettings s = settings;
        if (s == null) {
            throw new ServletException("VaultOidcFilter used before init()");
        }
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            throw new ServletException("VaultOidcFilter handles HTTP requests only");
        }
        if (req.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(restore(req, resp, s), resp);
            return;
        }
        if (!s.excludedPaths().isEmpty() && s.excludedPaths().matches(pathWithinApplication(req))) {
            chain.doFilter(req, resp);
            return;
        }
        BearerTokenExtractor.Extraction found = extractor.extract(req);
        if (found.isInvalid()) {
            reject(req, resp, Rejection.invalidRequest(found.invalidRequest()), "malformed request");
            return;
        }
        if (found.token() == null) {
            reject(req, resp, Rejection.NO_TOKEN, "no token");
            return;
        }
        VerifiedToken token;
        try {
            token = verifier.verify(found.token());
        } catch (TokenVerificationException e) {
            reject(req, resp, Rejection.of(e.reason()), e.reason().name());
            return;
        }
        Authentication auth = authenticate(token, s);
        if (auth.rejection() != null) {
            reject(req, resp, auth.rejection(), auth.rejection().description());
            return;
        }
        req.setAttribute(VERIFIED_TOKEN_ATTRIBUTE, token);
        chain.doFilter(new AuthenticatedRequest(req, resp, auth.principal()), resp);
    }

    /** Later dispatches keep the authenticated view the REQUEST dispatch established; they never reject. */
    private static ServletRequest restore(HttpServletRequest req, HttpServletResponse resp, FilterSettings s) {
        for (ServletRequest r = req; r instanceof ServletRequestWrapper w; r = w.getRequest()) {
            if (r instanceof AuthenticatedRequest) {
                return req;
            }
        }
        if (req.getAttribute(VERIFIED_TOKEN_ATTRIBUTE) instanceof VerifiedToken token) {
            Authentication auth = authenticate(token, s);
            if (auth.principal() != null) {
                return new AuthenticatedRequest(req, resp, auth.principal());
            }
        }
        return req;
    }

    private record Authentication(VaultOidcPrincipal principal, Rejection rejection) {}

    private static Authentication authenticate(VerifiedToken token, FilterSettings s) {
        String name = "sub".equals(s.principalClaim())
                ? token.subject()
                : token.claims().get(s.principalClaim()) instanceof String str ? str : null;
        if (name == null || name.isEmpty()) {
            return new Authentication(null, Rejection.invalidToken("The token lacks the principal claim"));
        }
        Set<String> roles = roles(token, s.rolesClaim());
        if (!roles.containsAll(s.requiredRoles())) {
            return new Authentication(null, Rejection.insufficientScope("The token lacks a required role"));
        }
        for (Map.Entry<String, String> required : s.requiredClaims().entrySet()) {
            Object value = token.claims().get(required.getKey());
            boolean ok = required.getValue().equals(value)
                    || (value instanceof List<?> list && list.contains(required.getValue()));
            if (!ok) {
                return new Authentication(null, Rejection.insufficientScope("The token lacks a required claim"));
            }
        }
        return new Authentication(new VaultOidcPrincipal(name, roles, token), null);
    }

    private static Set<String> roles(VerifiedToken token, String claim) {
        if (claim == null) {
            return Set.of();
        }
        try {
            return new LinkedHashSet<>(token.stringListClaim(claim));
        } catch (IllegalArgumentException notStrings) {
            // A roles claim of another shape grants nothing rather than failing every request.
            log.debug("Roles claim '{}' is neither a string nor a list of strings; no roles granted", claim);
            return Set.of();
        }
    }

    private void reject(HttpServletRequest req, HttpServletResponse resp, Rejection rejection, String why)
            throws IOException {
        if (rejection.unavailable()) {
            log.warn(
                    "Answering 503 to {} {}: Vault's keys are unavailable ({})",
                    req.getMethod(),
                    req.getRequestURI(),
                    why);
        } else {
            log.debug("Rejected {} {} with {}: {}", req.getMethod(), req.getRequestURI(), rejection.status(), why);
        }
        errors.send(resp, rejection);
    }

    /** Servlet path + path info: the path within the application, without the context path. */
    static String pathWithinApplication(HttpServletRequest req) {
        String servletPath = req.getServletPath();
        String pathInfo = req.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    @Override
    public String toString() {
        FilterSettings s = settings;
        return s == null
                ? "VaultOidcFilter[uninitialised]"
                : "VaultOidcFilter[realm=" + s.realm() + ", principalClaim=" + s.principalClaim() + ", rolesClaim="
                        + s.rolesClaim() + ", requiredRoles=" + s.requiredRoles() + ", excludedPaths="
                        + s.excludedPaths().patterns() + "]";
    }

    /**
     * Configures a {@link VaultOidcFilter}. Every method validates its argument at once
     * ({@link IllegalArgumentException}); {@link #build()} yields an immutable, thread-safe filter.
     */
    public static final class Builder {
        private final TokenVerifier verifier;
        private String realm = DEFAULT_REALM;
        private String principalClaim = "sub";
        private String rolesClaim = "groups";
        private final List<String> requiredRoles = new ArrayList<>();
        private final Map<String, String> requiredClaims = new LinkedHashMap<>();
        private final List<String> excludedPaths = new ArrayList<>();
        private boolean jsonErrors;
        private String headerName;
        private Duration retryAfter = Duration.ofSeconds(5);

        Builder(TokenVerifier verifier) {
            this.verifier = verifier;
        }

        /** The realm of the {@code WWW-Authenticate} challenge; default {@value VaultOidcFilter#DEFAULT_REALM}. Printable ASCII. */
        public Builder realm(String realm) {
            Objects.requireNonNull(realm, "realm");
            for (int i = 0; i < realm.length(); i++) {
                char c = realm.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("realm must be printable ASCII");
                }
            }
            this.realm = realm;
            return this;
        }

        /** The claim naming the principal; default {@code sub} (the Vault entity id). Must be a non-empty string in every token. */
        public Builder principalClaim(String claim) {
            this.principalClaim = requireName(claim, "principal claim");
            return this;
        }

        /**
         * The claim holding the caller's roles for {@code isUserInRole}: a string or an array of strings, e.g. a
         * role template {@code {"groups": {{identity.entity.groups.names}}}}. Default {@code groups}; {@code null}
         * for none.
         */
        public Builder rolesClaim(String claim) {
            this.rolesClaim = claim == null ? null : requireName(claim, "roles claim");
            return this;
        }

        /** Roles every request must have (all of them), else 403 {@code insufficient_scope}. Adds to earlier calls. */
        public Builder requiredRoles(String... roles) {
            for (String r : roles) {
                requiredRoles.add(requireName(r, "required role"));
            }
            return this;
        }

        /**
         * A claim every request must carry with {@code value} (a string equal to it, or an array containing it),
         * else 403 {@code insufficient_scope}. For policies that should instead make the token invalid (401), use
         * {@code TokenVerifier.Builder.requireClaim}.
         */
        public Builder requireClaim(String name, String value) {
            requiredClaims.put(requireName(name, "claim name"), Objects.requireNonNull(value, "claim value"));
            return this;
        }

        /**
         * Paths served without a token, matched on servlet path + path info (without the context path): exact
         * ({@code /health}), prefix ({@code /public/*}), extension ({@code *.css}) or glob ({@code *} within a
         * segment, {@code **} across). Adds to earlier calls.
         */
        public Builder excludedPaths(String... patterns) {
            List<String> all = new ArrayList<>(excludedPaths);
            all.addAll(List.of(patterns));
            new PathPatterns(all);
            excludedPaths.clear();
            excludedPaths.addAll(all);
            return this;
        }

        /** Adds a JSON body {@code {"error":…,"error_description":…}} to error answers; default off (empty body). */
        public Builder jsonErrors(boolean enabled) {
            this.jsonErrors = enabled;
            return this;
        }

        /**
         * One more header that may carry the token (raw, or with a {@code Bearer } prefix), e.g. for a proxy that
         * keeps {@code Authorization} for itself. A request with the token in both headers is refused (400).
         */
        public Builder headerName(String name) {
            if (name != null) {
                if (name.isEmpty() || !name.chars().allMatch(Builder::isTchar)) {
                    throw new IllegalArgumentException("header name must be an HTTP token");
                }
                if (name.equalsIgnoreCase(BearerTokenExtractor.AUTHORIZATION)) {
                    throw new IllegalArgumentException("Authorization is always read; name another header");
                }
            }
            this.headerName = name;
            return this;
        }

        /** The {@code Retry-After} of the 503 sent while Vault's keys are unavailable; default 5 s, at least 1 s. */
        public Builder retryAfter(Duration delay) {
            if (delay == null || delay.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("retryAfter must be at least 1 second");
            }
            this.retryAfter = delay;
            return this;
        }

        /** Builds the filter; it is ready without {@code init()}. */
        public VaultOidcFilter build() {
            return new VaultOidcFilter(settings(), verifier);
        }

        FilterSettings settings() {
            return new FilterSettings(
                    realm,
                    principalClaim,
                    rolesClaim,
                    requiredRoles,
                    requiredClaims,
                    new PathPatterns(excludedPaths),
                    jsonErrors,
                    headerName,
                    retryAfter);
        }

        private static String requireName(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return s;
        }

        private static boolean isTchar(int c) {
            return (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
