package dev.vaultoidc.servlet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Excluded-path patterns, matched on the path within the application (servlet path + path info, without the
 * context path). Forms: exact ({@code /health}); prefix as in servlet mappings ({@code /public/*} matches
 * {@code /public} and everything below it); extension ({@code *.css}); glob, where {@code *} matches within one
 * segment and {@code **} across segments, {@code /**}{@code /} also matching a single slash
 * ({@code /api/*}{@code /docs}, {@code /static/**}{@code /*.js}).
 */
final class PathPatterns {
    private final List<String> patterns;
    private final Set<String> exact = new HashSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> extensions = new ArrayList<>();
    private final List<Pattern> globs = new ArrayList<>();

    PathPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        for (String p : this.patterns) {
            if (p.startsWith("*.") && p.indexOf('*', 1) < 0 && p.indexOf('/') < 0 && p.length() > 2) {
                extensions.add(p.substring(1));
            } else if (!p.startsWith("/")) {
                throw new IllegalArgumentException("path pattern must start with '/' or '*.': " + p);
            } else if (p.endsWith("/*") && p.indexOf('*') == p.length() - 1) {
                prefixes.add(p.substring(0, p.length() - 2));
            } else if (p.indexOf('*') < 0) {
                exact.add(p);
            } else {
                globs.add(glob(p));
            }
        }
    }

    List<String> patterns() {
        return patterns;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean matches(String path) {
        if (exact.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        for (String ext : extensions) {
            if (path.endsWith(ext) && path.lastIndexOf('/') < path.length() - ext.length()) {
                return true;
            }
        }
        for (Pattern g : globs) {
            if (g.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            if (p.startsWith("/**/", i)) {
                // As in Ant and Spring: "/**/" also matches a single "/" (zero directories).
                re.append("(?:/.*)?/");
                i += 4;
                continue;
            }
            char c = p.charAt(i);
            if (c == '*') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    re.append(".*");
                    i += 2;
                    continue;
                }
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(re.toString());
    }
}
