package dev.vaultoidc.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The excluded-path grammar; the filter's HTTP tests show it applied without the context path. */
class PathPatternsTest {

    private static boolean matches(String pattern, String path) {
        return new PathPatterns(List.of(pattern)).matches(path);
    }

    @Test
    void exactPatternMatchesOnlyThatPath() {
        assertThat(matches("/health", "/health")).isTrue();
        assertThat(matches("/health", "/health/")).isFalse();
        assertThat(matches("/health", "/healthz")).isFalse();
        assertThat(matches("/", "/")).isTrue();
        assertThat(matches("/", "/x")).isFalse();
    }

    @Test
    void prefixPatternMatchesTheDirectoryAndEverythingBelowButNotSiblings() {
        assertThat(matches("/public/*", "/public")).isTrue();
        assertThat(matches("/public/*", "/public/")).isTrue();
        assertThat(matches("/public/*", "/public/a/b.png")).isTrue();
        assertThat(matches("/public/*", "/publicity")).isFalse();
        assertThat(matches("/*", "/anything/at/all")).isTrue();
    }

    @Test
    void extensionPatternLooksAtTheLastSegmentOnly() {
        assertThat(matches("*.css", "/a/b/site.css")).isTrue();
        assertThat(matches("*.css", "/a.css/secret")).isFalse();
        assertThat(matches("*.css", "/a/site.cssx")).isFalse();
    }

    @Test
    void globStarStaysInOneSegmentAndDoubleStarCrossesThem() {
        assertThat(matches("/api/*/docs", "/api/v1/docs")).isTrue();
        assertThat(matches("/api/*/docs", "/api/v1/x/docs")).isFalse();
        assertThat(matches("/static/**/*.js", "/static/app.js")).isTrue();
        assertThat(matches("/static/**/*.js", "/static/a/b/app.js")).isTrue();
        assertThat(matches("/static/**/*.js", "/static/a/b/app.jsx")).isFalse();
        assertThat(matches("/static/**", "/static/a/b")).isTrue();
        assertThat(matches("/v.1/*/x", "/v11/a/x")).isFalse();
    }

    @Test
    void patternsMustBeAbsoluteOrExtensions() {
        assertThatThrownBy(() -> new PathPatterns(List.of("health")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("health");
        assertThatThrownBy(() -> new PathPatterns(List.of("*."))).isInstanceOf(IllegalArgumentException.class);
    }
}
