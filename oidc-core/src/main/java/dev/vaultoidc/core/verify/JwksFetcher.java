package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The two unauthenticated GETs of Vault's identity OIDC issuer (spec §7.8, §7.9): discovery and JWKS. Bodies
 * are capped, redirects are not followed (keys come only from the configured issuer), and the response's
 * {@code Cache-Control: max-age} is reported so the cache can honour it.
 */
final class JwksFetcher {
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fetched body and the max-age Vault sent with it (null when absent or no-store/no-cache). */
    record Fetched(String body, Duration maxAge) {}

    /**
     * A definite answer that retrying at once will not change (wrong issuer, 4xx, oversized or invalid body).
     * Other IOExceptions (connection failures, timeouts, 5xx, 429) are transient.
     */
    static final class Rejected extends IOException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    /** Discovery result: the issuer Vault claims and where its keys are. */
    record Discovery(String jwksUri, Duration maxAge) {}

    private final OkHttpClient http;
    private final int maxBodyBytes;
    private final String namespaceHeader;

    JwksFetcher(OkHttpClient http, int maxBodyBytes, String namespaceHeader) {
        this.http = http;
        this.maxBodyBytes = maxBodyBytes;
        this.namespaceHeader = namespaceHeader;
    }

    /**
     * Fetches {@code discoveryUrl} and checks that its {@code issuer} equals {@code expectedIssuer} exactly, and that
     * {@code jwks_uri} is on the issuer's own origin (Vault always serves {@code {issuer}/.well-known/keys}); a
     * document that points keys elsewhere is refused rather than followed.
     */
    Discovery discover(String discoveryUrl, String expectedIssuer, boolean sendNamespace) throws IOException {
        Fetched f = get(discoveryUrl, false, sendNamespace);
        JsonNode doc;
        try {
            doc = JSON.readTree(f.body());
        } catch (IOException e) {
            throw new Rejected("discovery document is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new Rejected("discovery document is not a JSON object");
        }
        JsonNode iss = doc.get("issuer");
        if (iss == null || !iss.isTextual() || !iss.asText().equals(expectedIssuer)) {
            throw new Rejected("discovery issuer does not equal the configured issuer " + expectedIssuer);
        }
        JsonNode jwks = doc.get("jwks_uri");
        if (jwks == null || !jwks.isTextual()) {
            throw new Rejected("discovery document has no jwks_uri");
        }
        HttpUrl jwksUrl = HttpUrl.parse(jwks.asText());
        HttpUrl issuerUrl = HttpUrl.parse(expectedIssuer);
        if (jwksUrl == null
                || issuerUrl == null
                || !jwksUrl.scheme().equals(issuerUrl.scheme())
                || !jwksUrl.host().equals(issuerUrl.host())
                || jwksUrl.port() != issuerUrl.port()) {
            throw new Rejected("discovery jwks_uri is not on the issuer's origin");
        }
        return new Discovery(jwksUrl.toString(), f.maxAge());
    }

    /** GETs a JWKS; {@code forced} adds {@code Cache-Control: no-cache} so caches on the way revalidate. */
    Fetched fetchKeys(String jwksUri, boolean forced) throws IOException {
        return get(jwksUri, forced, false);
    }

    private Fetched get(String url, boolean noCache, boolean sendNamespace) throws IOException {
        Request.Builder req = new Request.Builder().url(url).get().header("Accept", "application/json");
        if (noCache) {
            req.header("Cache-Control", "no-cache");
        }
        if (sendNamespace && namespaceHeader != null) {
            req.header("X-Vault-Namespace", namespaceHeader);
        }
        try (Response resp = http.newCall(req.build()).execute()) {
            if (resp.code() != 200) {
                String msg = "GET " + stripQuery(url) + " returned HTTP " + resp.code();
                throw resp.code() >= 500 || resp.code() == 429 ? new IOException(msg) : new Rejected(msg);
            }
            ResponseBody body = resp.body();
            String text = readCapped(body);
            return new Fetched(text, maxAge(resp.header("Cache-Control")));
        }
    }

    private String readCapped(ResponseBody body) throws IOException {
        long declared = body.contentLength();
        if (declared > maxBodyBytes) {
            throw new Rejected("response body exceeds " + maxBodyBytes + " bytes");
        }
        try (InputStream in = body.byteStream()) {
            byte[] data = in.readNBytes(maxBodyBytes + 1);
            if (data.length > maxBodyBytes) {
                throw new Rejected("response body exceeds " + maxBodyBytes + " bytes");
            }
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** max-age in seconds from a Cache-Control header; null if absent, or if no-store/no-cache forbids reuse. */
    static Duration maxAge(String cacheControl) {
        if (cacheControl == null) {
            return null;
        }
        String cc = cacheControl.toLowerCase(Locale.ROOT);
        if (cc.contains("no-store") || cc.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher m = MAX_AGE.matcher(cc);
        if (!m.find()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
