package dev.vaultoidc.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Finds the bearer token of a request (RFC 6750 §2.1) and flags malformed or ambiguous requests, which §3.1
 * answers with {@code invalid_request}. The descriptions are fixed texts: they never echo the header.
 */
final class BearerTokenExtractor {
    static final String AUTHORIZATION = "Authorization";
    private static final String ACCESS_TOKEN_PARAMETER = "access_token";

    /** The outcome: a token, no token at all, or a malformed request with a fixed description. */
    record Extraction(String token, String invalidRequest) {
        static final Extraction NONE = new Extraction(null, null);

        static Extraction of(String token) {
            return new Extraction(token, null);
        }

        static Extraction invalid(String description) {
            return new Extraction(null, description);
        }

        boolean isInvalid() {
            return invalidRequest != null;
        }

        @Override
        public String toString() {
            return "Extraction[token=" + (token == null ? "none" : "(redacted)") + ", invalidRequest=" + invalidRequest
                    + "]";
        }
    }

    private final String otherHeader;

    /** @param otherHeader an additional header carrying the token, or {@code null} */
    BearerTokenExtractor(String otherHeader) {
        this.otherHeader = otherHeader;
    }

    Extraction extract(HttpServletRequest request) {
        List<String> authorization = values(request.getHeaders(AUTHORIZATION));
        if (authorization.size() > 1) {
            return Extraction.invalid("Several Authorization headers were sent");
        }
        String fromAuthorization = null;
        if (authorization.size() == 1) {
            String value = authorization.get(0).strip();
            int end = 0;
            while (end < value.length() && !Character.isWhitespace(value.charAt(end))) {
                end++;
            }
            String scheme = value.substring(0, end);
            // Other schemes (Basic, Negotiate...) are not ours: the request is treated as bearing no token.
            if (scheme.equalsIgnoreCase("Bearer")) {
                String separator = value.substring(
                        end,
                        value.length() - value.substring(end).stripLeading().length());
                String credentials = value.substring(end + separator.length());
                if (credentials.isEmpty()) {
                    return Extraction.invalid("The Bearer scheme was sent without a token");
                }
                // RFC 9110 §11.4: scheme and credentials are separated by spaces only.
                if (!separator.chars().allMatch(c -> c == ' ') || !isB64Token(credentials)) {
                    return Extraction.invalid("The bearer token is not a valid b64token");
                }
                fromAuthorization = credentials;
            }
        }

        String fromOther = null;
        if (otherHeader != null) {
            List<String> other = values(request.getHeaders(otherHeader));
            if (other.size() > 1) {
                return Extraction.invalid("Several " + otherHeader + " headers were sent");
            }
            if (other.size() == 1) {
                String value = other.get(0).strip();
                if (value.length() >= 7
                        && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                    value = value.substring(7).stripLeading();
                }
                if (value.isEmpty()) {
                    return Extraction.invalid("The " + otherHeader + " header is empty");
                }
                if (!isB64Token(value)) {
                    return Extraction.invalid("The bearer token is not a valid b64token");
                }
                fromOther = value;
            }
        }

        boolean inQuery = hasAccessTokenParameter(request.getQueryString());
        int methods = (fromAuthorization != null ? 1 : 0) + (fromOther != null ? 1 : 0) + (inQuery ? 1 : 0);
        if (methods > 1) {
            return Extraction.invalid("The token was sent by more than one method");
        }
        if (inQuery) {
            // RFC 6750 §2.3/§5.3: URIs end up in logs and Referer headers; a token there is not accepted.
            return Extraction.invalid("Tokens in the query string are not accepted");
        }
        if (fromAuthorization != null) {
            return Extraction.of(fromAuthorization);
        }
        return fromOther != null ? Extraction.of(fromOther) : Extraction.NONE;
    }

    /** {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} (RFC 6750 §2.1). */
    static boolean isB64Token(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isB64Char(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && s.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean isB64Char(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }

    /** Reads the raw query string, so a form body is never consumed by the filter. */
    private static boolean hasAccessTokenParameter(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(name, StandardCharsets.UTF_8).equals(ACCESS_TOKEN_PARAMETER)) {
                    return true;
                }
            } catch (IllegalArgumentException badEscape) {
                // Not decodable, so not a parameter named access_token.
            }
        }
        return false;
    }

    private static List<String> values(Enumeration<String> e) {
        List<String> out = new ArrayList<>(1);
        if (e != null) {
            while (e.hasMoreElements()) {
                out.add(e.nextElement());
            }
        }
        return out;
    }
}
