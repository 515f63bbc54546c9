package dev.vaultoidc.agent.plugin;

/**
 * Builds class names at run time. The shade plugin rewrites string constants that start like a relocated
 * package ({@code okhttp3}, {@code kotlin}...), which would point the agent's instrumentation at its own shaded
 * copy instead of the application's library. Two pieces split inside the package name, joined at run time,
 * escape that rewrite: {@code concat("okhttp", "3.OkHttpClient")}.
 */
public final class Names {
    private Names() {}

    /** {@code first + rest}, computed at run time. */
    public static String concat(String first, String rest) {
        return new StringBuilder(first).append(rest).toString();
    }
}
