package dev.vaultoidc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerifiedToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code vault-oidc-cli}: verifies or decodes a Vault-issued ID token and prints a JSON verdict. Exit codes: 0 valid
 * (or decoded), 1 rejected (or malformed), 2 usage error. See docs/cli.md.
 */
public final class Main {
    /** Exit code: the token is valid, or was decoded. */
    public static final int VALID = 0;
    /** Exit code: the token was rejected, or is malformed. */
    public static final int REJECTED = 1;
    /** Exit code: the command line could not be acted on; usage text went to stderr. */
    public static final int USAGE = 2;

    /** Longest token read from stdin; the verifier's own limit (16 KiB) rejects long tokens with a reason. */
    private static final int MAX_STDIN_BYTES = 1024 * 1024;
    /**
     * Stands in for {@code iss} under {@code --any-issuer} when the token has no usable one, so the verifier
     * rejects it with a reason instead of the tool failing.
     */
    private static final String NO_ISSUER = "https://no-issuer.invalid/v1/identity/oidc";

    static final String USAGE_TEXT = """
            Usage: vault-oidc-cli verify [options] [<token> | -]
                   vault-oidc-cli decode [<token> | -]
            The token is read from stdin when it is '-' or absent. Output: a JSON verdict on stdout.
            verify options:
              --issuer URL          accepted issuer, e.g. https://vault:8200/v1/identity/oidc (repeatable)
              --vault-address ADDR  derive the issuer from the Vault address (with --namespace)
              --namespace NS        Vault Enterprise namespace path for --vault-address
              --jwks FILE           verify with a local JWKS document instead of fetching keys
              --any-issuer          with --jwks only: skip the issuer check (the verdict says so)
              --audience ID         accepted client_id; repeatable or comma-separated (required)
              --clock-skew D        leeway for exp/nbf/iat, e.g. 60s or 2m (default 60s, max 5m)
              --algorithms LIST     accepted algorithms, e.g. RS256,ES256 (default: Vault's seven)
              --max-jwks-bytes N    cap on the discovery and JWKS documents (default 2 MiB, about 2,400
                                    RSA-4096 keys); raise it for a Vault with very many named keys
            Exit codes: 0 valid (decode: decoded), 1 rejected (decode: malformed), 2 usage error.
            """;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Main() {}

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        // Only the verifier's warnings (e.g. keys unavailable) belong on a debugging tool's stderr.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Runs the tool without exiting: the verdict goes to {@code out}, diagnostics and usage to {@code err}.
     *
     * @return the exit code: {@link #VALID}, {@link #REJECTED} or {@link #USAGE}
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return new Main().execute(args, in, out, err);
    }

    private int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Options o;
        String token;
        try {
            o = Options.parse(args);
            if (o.help) {
                out.print(USAGE_TEXT);
                return VALID;
            }
            token = readToken(o.token, in);
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        if (o.command.equals("decode")) {
            return decode(token, out, err);
        }
        return verify(o, token, out, err);
    }

    private int decode(String token, PrintStream out, PrintStream err) {
        UnverifiedToken t;
        try {
            t = UnverifiedToken.parse(token, json);
        } catch (UnverifiedToken.Malformed e) {
            err.println("vault-oidc-cli: malformed token: " + e.getMessage());
            return REJECTED;
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("verified", false);
        doc.put("warning", "UNVERIFIED: decoded only; signature, issuer, audience and times were not checked");
        doc.set("header", t.header());
        doc.set("claims", t.claims());
        print(out, doc, token);
        return VALID;
    }

    private int verify(Options o, String token, PrintStream out, PrintStream err) {
        UnverifiedToken unverified;
        try {
            unverified = UnverifiedToken.parse(token, json);
        } catch (UnverifiedToken.Malformed e) {
            unverified = null;
        }
        TokenVerifier verifier;
        try {
            verifier = build(o, unverified);
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return usage(err, e.getMessage());
        }
        ObjectNode doc = json.createObjectNode();
        int code;
        try (verifier) {
            VerifiedToken t = verifier.verify(token);
            doc.put("valid", true);
            doc.putNull("reason");
            doc.put(
                    "message",
                    "signature verified with key " + t.keyId() + " (" + t.algorithm() + "); "
                            + (o.anyIssuer ? "issuer NOT checked (--any-issuer); " : "issuer, ")
                            + "audience, times and required claims accepted");
            code = VALID;
        } catch (TokenVerificationException e) {
            doc.put("valid", false);
            doc.put("reason", e.reason().name());
            doc.put("message", e.getMessage());
            code = REJECTED;
        }
        doc.put("issuerChecked", !o.anyIssuer);
        doc.set("header", unverified == null ? null : unverified.header());
        doc.set("claims", unverified == null ? null : unverified.claims());
        print(out, doc, token);
        return code;
    }

    private TokenVerifier build(Options o, UnverifiedToken unverified) throws UsageException {
        if (o.audiences.isEmpty()) {
            throw new UsageException("--audience is required: the client_id of the Vault role");
        }
        boolean issuerGiven = !o.issuers.isEmpty() || o.vaultAddress != null;
        if (o.anyIssuer && (o.jwksFile == null || issuerGiven)) {
            throw new UsageException("--any-issuer is only allowed with --jwks and without --issuer/--vault-address");
        }
        if (!issuerGiven && !o.anyIssuer) {
            throw new UsageException(
                    o.jwksFile == null
                            ? "give --issuer or --vault-address"
                            : "--jwks needs --issuer (or --any-issuer to skip the issuer check explicitly)");
        }
        if (o.namespace != null && o.vaultAddress == null) {
            throw new UsageException("--namespace needs --vault-address");
        }
        TokenVerifier.Builder b = TokenVerifier.builder()
                .audiences(o.audiences.toArray(String[]::new))
                .tokenCacheSize(0);
        o.issuers.forEach(b::issuer);
        if (o.vaultAddress != null) {
            b.vaultAddress(o.vaultAddress).namespace(o.namespace);
        }
        if (o.anyIssuer) {
            b.issuer(usableIssuer(unverified));
        }
        if (o.clockSkew != null) {
            b.clockSkew(o.clockSkew);
        }
        if (!o.algorithms.isEmpty()) {
            b.algorithms(o.algorithms.toArray(String[]::new));
        }
        if (o.maxJwksBytes != null) {
            b.maxResponseBytes(o.maxJwksBytes);
        }
        if (o.jwksFile != null) {
            try {
                b.staticJwks(Files.readString(Path.of(o.jwksFile), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw new UsageException("cannot read --jwks file " + o.jwksFile);
            }
        }
        return b.build();
    }

    /** The token's own {@code iss} if the builder accepts it as an issuer URL, else a placeholder that cannot match. */
    private static String usableIssuer(UnverifiedToken t) {
        String iss = t == null ? null : t.issuer();
        if (iss == null || !(iss.startsWith("https://") || iss.startsWith("http://"))) {
            return NO_ISSUER;
        }
        try {
            TokenVerifier.builder().issuer(iss);
            return iss;
        } catch (IllegalArgumentException e) {
            return NO_ISSUER;
        }
    }

    private static String readToken(String arg, InputStream in) throws UsageException {
        String raw = arg;
        if (raw == null || raw.equals("-")) {
            try {
                byte[] data = in.readNBytes(MAX_STDIN_BYTES + 1);
                if (data.length > MAX_STDIN_BYTES) {
                    throw new UsageException("stdin holds more than " + MAX_STDIN_BYTES + " bytes");
                }
                raw = new String(data, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read the token from stdin");
            }
        }
        // An empty token is a malformed token (exit 1, reason MALFORMED), not a command-line error: a script
        // that pipes an empty variable in must see "rejected", the same verdict as for any other bad token.
        return raw.strip();
    }

    private void print(PrintStream out, ObjectNode doc, String token) {
        String text;
        try {
            text = json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        // Defence in depth: no message may carry the token, but a debugging tool's output gets pasted into tickets.
        out.println(token.isEmpty() ? text : text.replace(token, "[token]"));
        out.flush();
    }

    private static int usage(PrintStream err, String message) {
        err.println("vault-oidc-cli: " + message);
        err.print(USAGE_TEXT);
        err.flush();
        return USAGE;
    }
}
