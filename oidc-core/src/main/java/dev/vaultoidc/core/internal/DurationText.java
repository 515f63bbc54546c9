package dev.vaultoidc.core.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written by people in configuration text (servlet init-parameters, command-line options):
 * {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT30S}).
 * Spring Boot applications get the same forms from Boot's own conversion. Internal: shared by this
 * project's servlet filter and command line, not API.
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    private DurationText() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when it is none of the accepted forms; the message does not repeat
     *     the input, so callers decide whether echoing it is safe
     */
    public static Duration parse(String text) {
        String v = text.trim();
        Matcher m = SIMPLE.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration (e.g. 30s, 2m, PT30S)");
        }
    }
}
