package dev.vaultoidc.agent.config;

import dev.vaultoidc.core.internal.DurationText;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agent's raw settings, merged from its four sources, highest precedence first: agent options
 * ({@code -javaagent:agent.jar=audiences=abc,address=https://vault:8200}), JVM system properties
 * {@code vault.oidc.*}, environment variables {@code VAULT_OIDC_*}, and the properties file named by the
 * {@code config} option (or {@code vault.oidc.agent.config}). Names are kept without the {@code vault.oidc.}
 * prefix. Every value is checked when loaded; typed getters then cannot fail.
 */
public final class Settings {
    /** Where a value came from; {@code check} shows it. */
    public enum Source {
        AGENT_OPTION,
        SYSTEM_PROPERTY,
        ENVIRONMENT,
        CONFIG_FILE
    }

    record Value(String text, Source source) {}

    private final Map<String, Value> values;
    private final List<String> warnings;

    private Settings(Map<String, Value> values, List<String> warnings) {
        this.values = Collections.unmodifiableMap(values);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Loads and checks everything.
     *
     * @param agentOptions the text after {@code =} in {@code -javaagent:}, or null
     * @param pluginNames the plugins known to this agent, for {@code agent.plugins.<name>.enabled}
     * @throws InvalidSettingException naming the first bad property
     */
    public static Settings load(
            String agentOptions,
            Map<String, String> systemProperties,
            Map<String, String> env,
            Set<String> pluginNames) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> options = parseOptions(agentOptions);
        Map<String, String> props = new LinkedHashMap<>();
        systemProperties.forEach((k, v) -> {
            if (k.startsWith(PropertyTable.PREFIX)) {
                props.put(k.substring(PropertyTable.PREFIX.length()), v);
            }
        });
        Map<String, String> fromEnv = fromEnvironment(env, pluginNames, warnings);

        String configFile = options.remove("config");
        if (configFile == null) {
            configFile = props.containsKey("agent.config") ? props.get("agent.config") : fromEnv.get("agent.config");
        }
        Map<String, String> fromFile = configFile == null || configFile.isBlank() ? Map.of() : readFile(configFile);

        Map<String, Value> merged = new TreeMap<>();
        fromFile.forEach((k, v) -> merged.put(k, new Value(v, Source.CONFIG_FILE)));
        fromEnv.forEach((k, v) -> merged.put(k, new Value(v, Source.ENVIRONMENT)));
        props.forEach((k, v) -> merged.put(k, new Value(v, Source.SYSTEM_PROPERTY)));
        options.forEach((k, v) -> merged.put(k, new Value(v, Source.AGENT_OPTION)));

        Map<String, Value> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : merged.entrySet()) {
            String name = e.getKey();
            Kind kind = PropertyTable.kindOf(name, pluginNames);
            if (kind == null) {
                if (name.startsWith(PropertyTable.AGENT)) {
                    throw new InvalidSettingException(
                            PropertyTable.PREFIX + name,
                            "unknown property (from "
                                    + describe(e.getValue().source()) + "); the agent's properties are listed in "
                                    + "docs/javaagent.md"
                                    + (PropertyTable.pluginOf(name) != null
                                            ? "; plugins: " + new java.util.TreeSet<>(pluginNames)
                                            : ""));
                }
                warnings.add("ignoring unknown property " + PropertyTable.PREFIX + name + " (from "
                        + describe(e.getValue().source()) + ")");
                continue;
            }
            if (kind == Kind.SPRING_ONLY) {
                warnings.add("ignoring " + PropertyTable.PREFIX + name + ": it configures the Spring starter only");
                continue;
            }
            String text = e.getValue().text() == null ? "" : e.getValue().text().strip();
            if (text.isEmpty()) {
                continue; // an empty value means "not set", as with an empty environment variable
            }
            check(name, kind, text);
            checked.put(name, new Value(text, e.getValue().source()));
        }
        return new Settings(checked, warnings);
    }

    /**
     * Agent options: {@code name=value} pairs separated by commas. A piece without {@code =} continues the
     * previous value, so lists read naturally: {@code audiences=a,b,address=https://vault:8200}.
     */
    static Map<String, String> parseOptions(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String last = null;
        for (String piece : text.split(",", -1)) {
            int eq = piece.indexOf('=');
            String candidate = eq < 0 ? null : piece.substring(0, eq).strip();
            if (candidate != null && !candidate.isEmpty() && candidate.chars().noneMatch(c -> c == '/' || c == ':')) {
                String name = candidate.startsWith(PropertyTable.PREFIX)
                        ? candidate.substring(PropertyTable.PREFIX.length())
                        : candidate;
                out.put(name, piece.substring(eq + 1));
                last = name;
            } else if (last != null) {
                out.put(last, out.get(last) + "," + piece);
            } else {
                throw new InvalidSettingException(
                        "agent options", "expected name=value, got a piece without a " + "name at the start");
            }
        }
        return out;
    }

    private static Map<String, String> fromEnvironment(
            Map<String, String> env, Set<String> pluginNames, List<String> warnings) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String name : PropertyTable.known().keySet()) {
            byEnvName.put(PropertyTable.envName(name), name);
        }
        for (String plugin : pluginNames) {
            String name = PropertyTable.PLUGINS + plugin + ".enabled";
            byEnvName.put(PropertyTable.envName(name), name);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith("VAULT_OIDC_")) {
                continue;
            }
            String name = byEnvName.get(e.getKey());
            if (name != null) {
                out.put(name, e.getValue());
            } else if (e.getKey().startsWith("VAULT_OIDC_AGENT_")) {
                throw new InvalidSettingException(
                        e.getKey(),
                        "unknown environment variable under vault.oidc.agent; "
                                + "see docs/javaagent.md for the agent's properties");
            } else {
                warnings.add("ignoring environment variable " + e.getKey() + ": no such property");
            }
        }
        return out;
    }

    private static Map<String, String> readFile(String file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException(PropertyTable.PREFIX + "agent.config", "cannot read " + file + ": " + e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            // Like application.properties: full names; the short form is accepted too.
            String name = key.startsWith(PropertyTable.PREFIX) ? key.substring(PropertyTable.PREFIX.length()) : key;
            out.put(name, p.getProperty(key));
        }
        return out;
    }

    private static void check(String name, Kind kind, String text) {
        String property = PropertyTable.PREFIX + name;
        String shown = kind == Kind.SECRET ? "" : ": '" + text + "'";
        switch (kind) {
            case DURATION -> {
                try {
                    Duration d = DurationText.parse(text);
                    if (d.isNegative()) {
                        throw new InvalidSettingException(property, "must not be negative" + shown);
                    }
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException(property, e.getMessage() + shown);
                }
            }
            case BOOLEAN -> {
                String t = text.toLowerCase(Locale.ROOT);
                if (!t.equals("true") && !t.equals("false")) {
                    throw new InvalidSettingException(property, "expected true or false" + shown);
                }
            }
            case INTEGER -> {
                try {
                    if (Long.parseLong(text) < 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException(property, "expected a non-negative whole number" + shown);
                }
            }
            case URL -> {
                URI uri;
                try {
                    uri = new URI(text);
                } catch (Exception e) {
                    throw new InvalidSettingException(property, "not a URL" + shown);
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new InvalidSettingException(
                            property, "must be an absolute http:// or https:// URL with " + "a host" + shown);
                }
            }
            case AUTH_METHOD -> authMethod(property, text);
            case LOG_LEVEL -> {
                if (!List.of("error", "warn", "info", "debug", "trace").contains(text.toLowerCase(Locale.ROOT))) {
                    throw new InvalidSettingException(property, "expected error, warn, info, debug or trace" + shown);
                }
            }
            case SIGNATURE_PROVIDER -> {
                if (!List.of("auto", "jdk", "native").contains(text.toLowerCase(Locale.ROOT))) {
                    throw new InvalidSettingException(property, "expected auto, jdk or native" + shown);
                }
            }
            default -> {
                // TEXT, SECRET, LIST, PATH: any non-empty text; files are read (and checked) when used.
            }
        }
    }

    /** Spring's relaxed forms: {@code token-file}, {@code TOKEN_FILE}, {@code tokenfile}. */
    static String authMethod(String property, String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> methods = List.of("none", "token", "token-file", "approle", "kubernetes", "jwt");
        if (t.equals("tokenfile")) {
            t = "token-file";
        }
        if (!methods.contains(t)) {
            throw new InvalidSettingException(property, "expected one of " + methods + ": '" + text + "'");
        }
        return t;
    }

    private static String describe(Source s) {
        return switch (s) {
            case AGENT_OPTION -> "agent options";
            case SYSTEM_PROPERTY -> "a system property";
            case ENVIRONMENT -> "the environment";
            case CONFIG_FILE -> "the config file";
        };
    }

    // ---- typed access (values were checked at load) ----

    /** Whether {@code name} is set. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The text of {@code name}, or null. */
    public String text(String name) {
        Value v = values.get(name);
        return v == null ? null : v.text();
    }

    /** A comma-separated list; empty when unset. */
    public List<String> list(String name) {
        String t = text(name);
        List<String> out = new ArrayList<>();
        if (t != null) {
            for (String s : t.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    public Duration duration(String name, Duration otherwise) {
        String t = text(name);
        return t == null ? otherwise : DurationText.parse(t);
    }

    public boolean bool(String name, boolean otherwise) {
        String t = text(name);
        return t == null ? otherwise : Boolean.parseBoolean(t.toLowerCase(Locale.ROOT));
    }

    public long number(String name, long otherwise) {
        String t = text(name);
        return t == null ? otherwise : Long.parseLong(t);
    }

    public Path path(String name) {
        String t = text(name);
        return t == null ? null : Path.of(t);
    }

    /** The source of {@code name}, or null if unset. */
    public Source source(String name) {
        Value v = values.get(name);
        return v == null ? null : v.source();
    }

    /** The names that are set, sorted. */
    public Set<String> names() {
        return new java.util.TreeSet<>(values.keySet());
    }

    /** A value for display: secrets are shown as {@code (set)}. */
    public String display(String name) {
        return PropertyTable.isSecret(name) ? "(set)" : text(name);
    }

    /** Non-fatal remarks made while loading (ignored names). */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Settings[");
        for (String n : names()) {
            sb.append(n).append('=').append(display(n)).append(", ");
        }
        return sb.append(']').toString();
    }
}
