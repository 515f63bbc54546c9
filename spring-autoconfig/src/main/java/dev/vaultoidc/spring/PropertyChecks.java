package dev.vaultoidc.spring;

import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns bad settings into {@link InvalidConfigurationPropertyValueException}s, which Boot's own failure analyzer
 * reports at startup as "Invalid value ... for configuration property 'vault.oidc.xxx'", with the reason. Works
 * without Bean Validation on the classpath. Secret values are never echoed.
 */
final class PropertyChecks {
    static final String PREFIX = "vault.oidc.";
    private static final String HIDDEN = "******";

    private PropertyChecks() {}

    static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(PREFIX + property, value, reason);
    }

    static InvalidConfigurationPropertyValueException missing(String property, String reason) {
        return new InvalidConfigurationPropertyValueException(PREFIX + property, null, reason);
    }

    static String requireText(String property, String value, String reason) {
        if (value == null || value.isBlank()) {
            throw missing(property, reason);
        }
        return value;
    }

    /** An absolute {@code http} or {@code https} URL with a host, as Vault addresses and issuers are. */
    static String requireHttpUrl(String property, String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (Exception e) {
            throw invalid(property, value, "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid(property, value, "must be an absolute http:// or https:// URL with a host");
        }
        return value.trim();
    }

    /**
     * Runs a builder call and reports an {@link IllegalArgumentException}/{@link IllegalStateException} from the
     * library's own eager validation as a failure of {@code property}, so its limits live in one place.
     */
    static <T> T apply(String property, Object value, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalid(property, value, e.getMessage());
        }
    }

    static void applySecret(String property, Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The library's messages never contain the secret, but the value must not be echoed either.
            throw invalid(property, HIDDEN, e.getMessage());
        }
    }
}
