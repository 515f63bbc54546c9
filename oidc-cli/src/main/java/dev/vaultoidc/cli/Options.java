package dev.vaultoidc.cli;

import dev.vaultoidc.core.internal.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line. Hand-written rather than a parsing library: a dozen options do not justify a
 * dependency in a jar users download to debug one token.
 */
final class Options {

    String command;
    /** The token argument; {@code null} or {@code "-"} means stdin. */
    String token;

    final List<String> issuers = new ArrayList<>();
    String jwksFile;
    /** {@code --max-jwks-bytes}; null = the verifier's default. */
    Integer maxJwksBytes;

    final List<String> audiences = new ArrayList<>();
    String namespace;
    String vaultAddress;
    Duration clockSkew;
    final List<String> algorithms = new ArrayList<>();
    boolean anyIssuer;
    boolean help;

    static Options parse(String[] args) throws UsageException {
        Options o = new Options();
        int i = 0;
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            o.help = true;
            return o;
        }
        if (!first.equals("verify") && !first.equals("decode")) {
            throw new UsageException("unknown command '" + printable(first) + "'");
        }
        o.command = first;
        i++;
        boolean positionalOnly = false;
        while (i < args.length) {
            String a = args[i++];
            if (positionalOnly || a.equals("-") || !a.startsWith("-")) {
                if (o.token != null) {
                    // Never echo the extra argument: it may be (part of) a token.
                    throw new UsageException("more than one token argument");
                }
                o.token = a;
                continue;
            }
            if (a.equals("--")) {
                positionalOnly = true;
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> o.help = true;
                case "--any-issuer" -> o.anyIssuer = true;
                case "--issuer",
                        "--jwks",
                        "--audience",
                        "--namespace",
                        "--vault-address",
                        "--clock-skew",
                        "--algorithms",
                        "--max-jwks-bytes" -> {
                    if (value == null) {
                        if (i >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[i++];
                    }
                    o.set(name, value);
                }
                default -> throw new UsageException("unknown option '" + printable(name) + "'");
            }
            if (o.command.equals("decode") && !name.equals("-h") && !name.equals("--help")) {
                throw new UsageException("decode takes no options");
            }
        }
        return o;
    }

    private void set(String name, String value) throws UsageException {
        switch (name) {
            case "--issuer" -> issuers.add(value);
            case "--jwks" -> jwksFile = value;
            case "--audience" -> audiences.addAll(splitList(value, name));
            case "--namespace" -> namespace = value;
            case "--vault-address" -> vaultAddress = value;
            case "--clock-skew" -> clockSkew = duration(value);
            case "--algorithms" -> algorithms.addAll(splitList(value, name));
            case "--max-jwks-bytes" -> maxJwksBytes = positiveInt(value, name);
            default -> throw new IllegalStateException(name);
        }
    }

    private static int positiveInt(String value, String name) throws UsageException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " needs a positive number of bytes");
    }

    private static List<String> splitList(String value, String name) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException(name + " needs a non-empty value");
        }
        return out;
    }

    /** See {@link DurationText}. */
    static Duration duration(String value) throws UsageException {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--clock-skew: not a duration: '" + printable(value) + "' (try 60s or 2m)");
        }
    }

    /** Long or dotted arguments are not echoed: a token pasted in the wrong place must never be printed. */
    private static String printable(String s) {
        return s.length() > 40 || s.indexOf('.') >= 0 ? "<" + s.length() + " characters, not shown>" : s;
    }
}
