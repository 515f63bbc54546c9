package dev.vaultoidc.emulator.conformance;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * THE one table of differences between OpenBao and the emulator that are known and accepted for
 * now. Every difference the harness finds must match a row here, or the test fails. A row names
 * the steps ({@code <METHOD> <path template> #<n>}, glob) and the location in the answer (glob),
 * says which kind of difference it is, and why it is accepted.
 *
 * <p>Kinds: {@link Kind#DEV_SERVER} cannot be equal by design (a dev server's own identity);
 * {@link Kind#DELIBERATE} is where OpenBao differs from Vault: the {@code OPENBAO} flavour answers
 * like OpenBao, the default {@code VAULT} flavour keeps Vault's (the row cites the OpenBao source);
 * {@link Kind#EMULATOR_BUG} is the emulator being wrong, listed only until it is fixed — delete
 * the row with the fix.
 */
final class ExpectedDifferences {

    enum Kind {
        /** The dev server's own identity (version, cluster, how dev mode made its root token). */
        DEV_SERVER,
        /** The emulator has no policy store and enforces no ACLs, by design (docs/emulator.md). */
        NO_ACL,
        /**
         * OpenBao differs from Vault here: the OPENBAO flavour answers like OpenBao, the VAULT flavour
         * deliberately keeps Vault's behaviour. The reason cites the OpenBao source file. In a run of
         * the OPENBAO flavour these rows match nothing; the report lists them as the VAULT flavour's
         * deliberate differences.
         */
        DELIBERATE,
        /** The emulator is wrong for both servers (the code is shared); fix it and delete the row. */
        EMULATOR_BUG,
        /** Differs, and which side HashiCorp Vault is on is not yet checked: fix or make it DELIBERATE. */
        UNTRIAGED
    }

    /**
     * One accepted difference.
     *
     * @param steps step ids, glob ({@code *} any text, {@code {a,b}} alternatives)
     * @param location where in the answer, glob
     * @param openbao OpenBao's normalised value, glob; {@code *} for any
     * @param kind why it is accepted
     * @param reason the explanation, citing OpenBao's source where it decides
     */
    record Row(String steps, String location, String openbao, Kind kind, String reason) {
        boolean matches(Difference d) {
            return glob(steps).matcher(d.step()).matches()
                    && glob(location).matcher(d.location()).matches()
                    && glob(openbao).matcher(d.openbao()).matches();
        }
    }

    private static final String OB = "OpenBao 2.7 ";

    static final List<Row> ROWS = List.of(
            // ---------------------------------------------------------------- DEV_SERVER
            new Row(
                    "GET sys/health #*",
                    "body.{cluster_name,cluster_id,version}",
                    "*",
                    Kind.DEV_SERVER,
                    "the server's name, id and version"),
            new Row("GET sys/seal-status #*", "body.version", "*", Kind.DEV_SERVER, "the server's version"),
            new Row(
                    "GET sys/auth* #*",
                    "body*.running_plugin_version",
                    "*",
                    Kind.DEV_SERVER,
                    "the builtin plugin's version string (v2.7.2+builtin.bao versus v1.20.0+builtin.vault)"),
            new Row(
                    "{GET auth/token/lookup-self #1,POST auth/token/lookup #4,GET auth/token/lookup #1}",
                    "body.data.{display_name,path}",
                    "*",
                    Kind.DEV_SERVER,
                    "dev mode makes its root token through auth/token/create (display_name token); the emulator's root "
                            + "token is like one from generate-root (display_name root, path auth/token/root)"),

            // ---------------------------------------------------------------- NO_ACL
            new Row(
                    "POST auth/token/create{,-orphan} #*",
                    "body.warnings",
                    "[\"Policy * does not exist\"]",
                    Kind.NO_ACL,
                    "OpenBao warns about policies it does not have; the emulator has no policy store"),

            // ---------------------------------------------------------------- DELIBERATE (VAULT flavour only)
            new Row(
                    "*",
                    "body.mount_type",
                    "<none>",
                    Kind.DELIBERATE,
                    OB + "has no mount_type in the response envelope (internal/http/logical.go); Vault adds it"),
            new Row(
                    "{GET identity/*,POST identity/lookup/*}",
                    "body.data.policies[*]",
                    "*",
                    Kind.DELIBERATE,
                    OB + "lower-cases entity and group policies on write (internal/vault/identity/store_entities.go, "
                            + "store_groups.go); Vault keeps their case"),
            new Row(
                    "*",
                    "body.{data.name,data.keys[*],data.key_info.*.name,id_token.jwt.claims.*}",
                    "\"{entity,group}_<generated>.root\"",
                    Kind.DELIBERATE,
                    OB + "appends the namespace id to generated names, entity_1a2b3c4d.root "
                            + "(internal/vault/identity/store_util.go generateName); Vault does not"),
            new Row(
                    "*",
                    "body.errors[0]",
                    "\"permission denied\"",
                    Kind.DELIBERATE,
                    OB
                            + "answers a missing or invalid token with a bare \"permission denied\"; Vault (spec §1.7) wraps it "
                            + "and adds \"invalid token\" for an unknown token"),
            new Row(
                    "*",
                    "body.errors[0]",
                    "\"*error converting input for field *",
                    Kind.DELIBERATE,
                    OB + "does not quote the input in field conversion errors (sdk/framework/field_data.go Validate: "
                            + "\"error converting input for field %q\") and uses go-viper/mapstructure v2, whose texts differ "
                            + "(\"'' cannot parse value as 'bool'\", \"1 error(s) decoding\", \"invalid key pair at index 0\"); "
                            + "Vault quotes the input"),
            new Row(
                    "POST identity/entity #*",
                    "body.errors[0]",
                    "\"failed to decode JSON input: *",
                    Kind.DELIBERATE,
                    OB + "words a body that is not a JSON object \"failed to decode JSON input: <Go error>\" "
                            + "(internal/http/handler.go parseJSONRequest); Vault says \"failed to parse JSON input: <Go error>\""),
            new Row(
                    "{GET identity/oidc/client/:name,LIST identity/oidc/client} #*",
                    "body.data.{authorization_code,client_credentials,key_info.*.authorization_code,"
                            + "key_info.*.client_credentials}",
                    "*",
                    Kind.DELIBERATE,
                    OB + "has per-client grant switches and the client_credentials grant (internal/vault/identity/"
                            + "store_oidc_provider.go); Vault's clients have neither field"),
            new Row(
                    "GET identity/oidc/provider/:name/.well-known/openid-configuration #*",
                    "body.code_challenge_methods_supported",
                    "<none>",
                    Kind.DELIBERATE,
                    OB + "does not advertise code_challenge_methods_supported in the provider's discovery document "
                            + "(internal/vault/identity/store_oidc_provider.go providerDiscovery); Vault lists plain and S256"),
            new Row(
                    "GET sys/health #*",
                    "body.{enterprise,echo_duration_ms,clock_skew_ms,replication_primary_canary_age_ms,"
                            + "performance_standby}",
                    "<none>",
                    Kind.DELIBERATE,
                    OB
                            + "has no enterprise flag, echo, clock-skew or canary figures and no performance standbys in its health "
                            + "answer (internal/http/sys_health.go); Vault sends them"),
            new Row(
                    "GET auth/approle/role/:role_name #*",
                    "body.data.token_strictly_bind_ip",
                    "*",
                    Kind.DELIBERATE,
                    OB
                            + "adds token_strictly_bind_ip to the common token fields (sdk/helper/tokenutil/tokenutil.go); Vault "
                            + "has no such field"),
            new Row(
                    "POST identity/oidc/introspect #*",
                    "body.error",
                    "\"error parsing token: unexpected signature algorithm*",
                    Kind.DELIBERATE,
                    OB + "rejects an unlisted alg while parsing (internal/vault/identity/store_oidc.go "
                            + "introspection, jose ParseSigned with an algorithm list); Vault parses first and fails the signature"),
            new Row(
                    "GET sys/seal-status #*",
                    "body.{commit_date,build_date}",
                    "*",
                    Kind.DELIBERATE,
                    OB + "reports commit_date where Vault reports build_date (api/sys_seal.go)"),
            new Row(
                    "GET sys/auth* #*",
                    "body*.deprecation_status",
                    "<none>",
                    Kind.DELIBERATE,
                    OB + "sends deprecation_status only for plugins with a deprecation entry, none for token "
                            + "(internal/vault/logical_system.go)"),

            // ---------------------------------------------------------------- EMULATOR_BUG (still open)
            new Row(
                    "GET identity/oidc/.well-known/keys #*",
                    "header:Cache-Control",
                    "no-store",
                    Kind.EMULATOR_BUG,
                    "until the periodic OIDC job has run once (about a minute after start), the servers send no max-age, so "
                            + "the default no-store applies (internal/vault/identity/store_oidc.go pathOIDCReadPublicKeys, the "
                            + "same in Vault); the emulator always sends max-age (its deterministic stand-in, spec §7.9, which client cache tests rely on)"));

    private ExpectedDifferences() {}

    static Optional<Row> explain(Difference d) {
        return ROWS.stream().filter(r -> r.matches(d)).findFirst();
    }

    /**
     * {@code *} any text; {@code {a,b}} alternatives (only when the braces hold a comma, so JSON such
     * as {@code {}} stays literal); everything else literal.
     */
    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '{' && alternation(g, i)) {
                re.append("(?:");
                depth++;
            } else if (c == '}' && depth > 0) {
                re.append(")");
                depth--;
            } else if (c == ',' && depth > 0) {
                re.append("|");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static boolean alternation(String g, int open) {
        int close = g.indexOf('}', open);
        int nested = g.indexOf('{', open + 1);
        return close > 0
                && (nested < 0 || nested > close)
                && g.substring(open, close).contains(",");
    }
}
