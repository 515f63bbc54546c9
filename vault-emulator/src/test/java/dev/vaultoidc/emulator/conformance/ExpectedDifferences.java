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
 * {@link Kind#FLAVOUR} is OpenBao's behaviour that the emulator's {@code OPENBAO} flavour is to
 * adopt while the default {@code VAULT} flavour keeps Vault's (cite the OpenBao source);
 * {@link Kind#EMULATOR_BUG} is the emulator being wrong, listed only until it is fixed — delete
 * the row with the fix.
 */
final class ExpectedDifferences {

  enum Kind {
    /** The dev server's own identity (version, cluster, how dev mode made its root token). */
    DEV_SERVER,
    /**
     * The emulator has no policy store and enforces no ACLs. No longer used: it stores and enforces
     * ACL policies (docs/emulator-acl.md).
     */
    NO_ACL,
    /** OpenBao differs from Vault here; the OPENBAO flavour is to adopt it, VAULT keeps Vault's. */
    FLAVOUR,
    /** The emulator is wrong for both servers (the code is shared); fix it and delete the row. */
    EMULATOR_BUG,
    /** Differs, and which side HashiCorp Vault is on is not yet checked: fix or make it FLAVOUR. */
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
      return glob(steps).matcher(d.step()).matches() && glob(location).matcher(d.location()).matches()
          && glob(openbao).matcher(d.openbao()).matches();
    }
  }

  private static final String OB = "OpenBao 2.7 ";

  static final List<Row> ROWS = List.of(
      // ---------------------------------------------------------------- DEV_SERVER
      new Row("GET sys/health #*", "body.{cluster_name,cluster_id,version,enterprise,echo_duration_ms,"
          + "clock_skew_ms,replication_primary_canary_age_ms,performance_standby}", "*", Kind.DEV_SERVER,
          "the server's name, id and version, and Vault-only health fields"),
      new Row("GET sys/seal-status #*", "body.version", "*", Kind.DEV_SERVER, "the server's version"),
      new Row("GET sys/auth* #*", "body*.running_plugin_version", "*", Kind.DEV_SERVER,
          "the builtin plugin's version string (v2.7.2+builtin.bao versus v1.20.0+builtin.vault)"),
      new Row("GET auth/token/lookup-self #1", "body.data.{display_name,path}", "*", Kind.DEV_SERVER,
          "dev mode makes its root token through auth/token/create (display_name token); the emulator's root "
              + "token is like one from generate-root (display_name root, path auth/token/root)"),

      // ---------------------------------------------------------------- FLAVOUR
      new Row("*", "body.mount_type", "<none>", Kind.FLAVOUR,
          OB + "has no mount_type in the response envelope (internal/http/logical.go); Vault adds it"),
      new Row("{GET identity/*,POST identity/lookup/*}", "body.data.policies[*]", "*", Kind.FLAVOUR,
          OB + "lower-cases entity and group policies on write (internal/vault/identity/store_entities.go, "
              + "store_groups.go); Vault keeps their case"),
      new Row("*", "body.{data.name,data.keys[*],data.key_info.*.name}", "\"{entity,group}_<generated>.root\"",
          Kind.FLAVOUR, OB + "appends the namespace id to generated names, entity_1a2b3c4d.root "
              + "(internal/vault/identity/store_util.go generateName); Vault does not"),
      new Row("*", "body.errors[0]", "\"permission denied\"", Kind.FLAVOUR,
          OB + "answers a missing or invalid token with a bare \"permission denied\"; Vault (spec §1.7) wraps it "
              + "and adds \"invalid token\" for an unknown token"),
      new Row("*", "body.errors[0]", "\"*error converting input for field *", Kind.FLAVOUR,
          OB + "does not quote the input in field conversion errors (sdk/framework/field_data.go Validate: "
              + "\"error converting input for field %q\") and uses go-viper/mapstructure v2, whose texts differ "
              + "(\"'' cannot parse value as 'bool'\", \"1 error(s) decoding\", \"invalid key pair at index 0\"); "
              + "Vault quotes the input. Where the emulator also adds \"Field validation failed: \" and OpenBao does "
              + "not, see the EMULATOR_BUG row for existence-checked paths"),
      new Row("POST identity/oidc/introspect #*", "body.error", "\"error parsing token: unexpected signature algorithm*",
          Kind.FLAVOUR, OB + "rejects an unlisted alg while parsing (internal/vault/identity/store_oidc.go "
              + "introspection, jose ParseSigned with an algorithm list); Vault parses first and fails the signature"),
      new Row("GET sys/seal-status #*", "body.{commit_date,build_date}", "*", Kind.FLAVOUR,
          OB + "reports commit_date where Vault reports build_date (api/sys_seal.go)"),
      new Row("GET sys/auth* #*", "body*.deprecation_status", "<none>", Kind.FLAVOUR,
          OB + "sends deprecation_status only for plugins with a deprecation entry, none for token "
              + "(internal/vault/logical_system.go)"),

      // ---------------------------------------------------------------- EMULATOR_BUG
      new Row("{*identity/oidc*,GET (unsupported paths) #2}", "body.errors[0]",
          "\"1 error occurred:\\n\\t* unsupported {path,operation}\\n\\n\"",
          Kind.EMULATOR_BUG, "the emulator's OIDC engine routes by itself and answers unsupported paths and operations "
              + "unwrapped; both servers wrap them like every other logical error (issue 12: two routing mechanisms)"),
      new Row("LIST identity/entity/id/:id #*", "{status,body.errors[0]}", "*", Kind.EMULATOR_BUG,
          "a LIST request is routed with a trailing slash, so an item path has no match: 404 unsupported path, "
              + "not 405"),
      new Row("GET (unsupported paths) #4", "*", "*", Kind.EMULATOR_BUG,
          "identity/entity/id/<id>/ (trailing slash) matches no route on the servers; the emulator serves the entity"),
      new Row("POST {auth/approle/role/:role_name,identity/oidc/key/:name,identity/oidc/role/:name} #*",
          "body.errors[0]", "\"error converting input for field *", Kind.EMULATOR_BUG,
          "paths with an existence check validate fields in HandleExistenceCheck, which answers without the "
              + "\"Field validation failed: \" prefix (sdk/framework/backend.go); the emulator always adds it"),
      new Row("POST auth/token/create #*", "body.errors[0]", "\"time: invalid duration *", Kind.EMULATOR_BUG,
          "the token store parses ttl itself and answers the bare Go error (internal/vault/token_store.go)"),
      new Row("{POST auth/token/lookup #4,GET auth/token/lookup #1}", "*", "*", Kind.EMULATOR_BUG,
          "auth/token/lookup without a token looks up the caller's own token (and GET is allowed); the emulator "
              + "answers 400 / 405"),
      new Row("POST auth/token/revoke #*", "{status,body}", "*", Kind.EMULATOR_BUG,
          "auth/token/revoke without a token answers 400 \"missing token ID\"; the emulator answers 204"),
      new Row("*", "body.{auth.metadata.a,data.meta.a,data.aliases[*].metadata.a}", "\"b\"", Kind.EMULATOR_BUG,
          "AppRole login copies the secret ID's metadata into the token's metadata and the alias' metadata "
              + "(internal/builtin/credential/approle/path_login.go); the emulator drops it"),
      new Row("{GET identity/oidc/token/:name #9,GET auth/token/lookup-self #11}", "*", "*", Kind.EMULATOR_BUG,
          "a token whose entity was deleted is refused before any handler runs: 403 \"permission denied\" "
              + "(internal/vault/request_handling.go CheckToken: \"the entity on the token is invalid\"); the emulator "
              + "accepts it (lookup-self 200) and the OIDC token endpoint fails with 500. So \"error loading entity "
              + "ID\" (store_oidc.go) is not what a client sees for a deleted entity"),
      new Row("DELETE (unsupported operations) #*", "body.errors", "[]", Kind.EMULATOR_BUG,
          "sys/health answers other methods 405 with an empty error list (internal/http/sys_health.go)"),
      new Row("GET identity/{group-alias,group}/id/:id #*", "body.data.modify_index", "*", Kind.EMULATOR_BUG,
          "modify_index counts every write of the group (alias writes and merges that change members included); "
              + "the emulator counts fewer"),
      new Row("GET identity/entity/id/:id #*", "body.data.modify_index", "*", Kind.EMULATOR_BUG,
          "modify_index counts every write of the entity (merges included); the emulator counts fewer"),
      new Row("{POST identity/entity/merge,GET identity/entity/id/:id} #*", "body.{errors[0],data,data.aliases}", "*",
          Kind.UNTRIAGED, "merge with conflicting_alias_ids_to_keep naming the source's alias: OpenBao keeps the "
              + "target's conflicting alias as well (two aliases on one mount), the emulator deletes it; the next "
              + "conflicting merge then reports one clash more on OpenBao (and lists the clashes with repeats)"),

      // ---------------------------------------------------------------- UNTRIAGED
      new Row("GET sys/auth* #*", "body*.options", "{}", Kind.UNTRIAGED,
          "an auth mount enabled without options reports options {} on OpenBao, null on the emulator"),
      new Row("GET sys/auth/:path #*", "body.{accessor,config,deprecation_status,description,external_entropy_access,"
          + "local,options,plugin_version,running_plugin_version,running_sha256,seal_wrap,type,uuid}", "*", Kind.UNTRIAGED,
          "reading one auth mount: OpenBao repeats the mount's fields at the top level of the answer, as for the "
              + "sys/auth list (legacy sys/ format); the emulator answers only the envelope"),
      new Row("POST identity/entity #*", "body.errors[0]", "\"failed to decode JSON input: *", Kind.UNTRIAGED,
          "malformed JSON: OpenBao quotes the decoder's error; the emulator says \"error parsing JSON\""),
      new Row("*", "body.data.{aliases[*].custom_metadata,key_info.*.custom_metadata}", "{}", Kind.UNTRIAGED,
          "an alias written without custom_metadata reads back {} on OpenBao once updated, null on the emulator"),
      new Row("POST auth/token/lookup #*", "status", "403", Kind.UNTRIAGED,
          "looking up an unknown token: OpenBao 403, the emulator 400 (both say \"bad token\")"),
      new Row("POST auth/token/create #*", "body.auth.renewable", "false", Kind.UNTRIAGED,
          "a token created by the root token without a ttl never expires on OpenBao, so it is not renewable; "
              + "the emulator gives it the 32-day default and makes it renewable"),
      new Row("POST auth/approle/role/:role_name #*", "{status,body.errors[0]}", "*", Kind.UNTRIAGED,
          "a role with neither bind_secret_id nor CIDRs: OpenBao returns a plain error (500, wrapped), the emulator "
              + "a 400"),
      new Row("POST auth/approle/login #*", "status", "500", Kind.UNTRIAGED,
          "login without secret_id: OpenBao 500, the emulator 400"),
      new Row("GET auth/approle/role/:role_name #*",
          "body.data.{secret_id_bound_cidrs,token_strictly_bind_ip,policies,period}", "*", Kind.UNTRIAGED,
          "role read: OpenBao has token_strictly_bind_ip and secret_id_bound_cidrs null and no deprecated "
              + "policies/period; the emulator the reverse"),
      new Row("POST auth/approle/role/:role_name/secret-id #*", "status", "404", Kind.UNTRIAGED,
          "secret ID for a missing role: OpenBao 404, the emulator 400"),
      new Row("GET identity/oidc/.well-known/keys #*", "header:Cache-Control", "no-store", Kind.UNTRIAGED,
          "before the periodic key job has run, the servers send no max-age (no-store); the emulator always sends "
              + "max-age (internal/vault/identity/store_oidc.go GetKeysCacheControlHeader)"),
      new Row("PATCH (unsupported operations) #*", "*", "*", Kind.UNTRIAGED,
          "PATCH with application/json: the servers answer 415 (merge-patch required) before routing; the "
              + "emulator has no PATCH and answers 405")
  );

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
    return close > 0 && (nested < 0 || nested > close) && g.substring(open, close).contains(",");
  }
}
