package dev.vaultoidc.emulator.acl;

import java.math.BigDecimal;

/**
 * Durations as Vault's {@code parseutil.ParseDurationSecond} reads them: a bare number is seconds,
 * {@code "7d"} is days, anything else is a Go duration ({@code "1h30m"}, {@code "300s"}).
 */
final class Durations {

    private Durations() {}

    /**
     * Whole seconds; the message of the exception is Go's error text.
     *
     * @throws IllegalArgumentException when Vault would refuse the value
     */
    static long parseSeconds(Object in) {
        if (in == null) {
            return 0;
        }
        if (in instanceof Long || in instanceof Integer) {
            return ((Number) in).longValue();
        }
        if (in instanceof Double d) {
            return d.longValue();
        }
        if (!(in instanceof String s)) {
            throw new IllegalArgumentException("could not parse duration from input");
        }
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException ignored) {
            // not a bare number of seconds
        }
        if (s.endsWith("d")) {
            String days = s.substring(0, s.length() - 1);
            try {
                return Long.parseLong(days) * 86_400;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("strconv.ParseInt: parsing \"" + days + "\": invalid syntax");
            }
        }
        return goDurationNanos(s) / 1_000_000_000L;
    }

    /** Go's {@code time.ParseDuration}, in nanoseconds. */
    static long goDurationNanos(String orig) {
        String s = orig;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i || s.substring(start, i).equals(".")) {
                throw invalid(orig);
            }
            BigDecimal number = new BigDecimal(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            }
            long nanos = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default ->
                    throw new IllegalArgumentException(
                            "time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            };
            total = total.add(number.multiply(BigDecimal.valueOf(nanos)));
        }
        long n = total.longValue();
        return negative ? -n : n;
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
    }
}
