package dev.vaultoidc.emulator.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parsing, from Vault's {@code vault/policy_test.go} and from OpenBao 2.7.2's answers to
 * {@code PUT sys/policy/:name} (captured with curl; texts where OpenBao's wording differs from
 * Vault's code are noted).
 */
class PolicyParseTest {

    static final String RAW_POLICY = """
      # Developer policy
      name = "dev"

      # Deny all paths by default
      path "*" {
      	policy = "deny"
      }

      # Allow full access to staging
      path "stage/*" {
      	policy = "sudo"
      }

      # Limited read privilege to production
      path "prod/version" {
      	policy = "read"
      	comment = "this comment is stored but not parsed"
      }

      # Read access to foobar
      # Also tests stripping of leading slash and parsing of min/max as string and
      # integer
      path "/foo/bar" {
      	policy = "read"
      	min_wrapping_ttl = 300
      	max_wrapping_ttl = "1h"
      }

      # Add capabilities for creation and sudo to foobar
      # This will be separate; they are combined when compiled into an ACL
      # Also tests reverse string/int handling to the above
      path "foo/bar" {
      	capabilities = ["create", "sudo"]
      	min_wrapping_ttl = "300s"
      	max_wrapping_ttl = 3600
      }

      # Check that only allowed_parameters are being added to foobar
      path "foo/bar" {
      	capabilities = ["create", "sudo"]
      	allowed_parameters = {
      	  "zip" = []
      	  "zap" = []
      	}
      }

      # Check that only denied_parameters are being added to bazbar
      path "baz/bar" {
      	capabilities = ["create", "sudo"]
      	denied_parameters = {
      	  "zip" = []
      	  "zap" = []
      	}
      }

      # Check that both allowed and denied parameters are being added to bizbar
      path "biz/bar" {
      	capabilities = ["create", "sudo"]
      	allowed_parameters = {
      	  "zim" = []
      	  "zam" = []
      	}
      	denied_parameters = {
      	  "zip" = []
      	  "zap" = []
      	}
      }
      path "test/types" {
      	capabilities = ["create", "sudo"]
      	allowed_parameters = {
      		"map" = [{"good" = "one"}]
      		"int" = [1, 2]
      	}
      	denied_parameters = {
      		"string" = ["test"]
      		"bool" = [false]
      	}
      }
      path "test/req" {
      	capabilities = ["create", "sudo"]
      	required_parameters = ["foo"]
      }
      path "test/patch" {
      	capabilities = ["patch"]
      }
      path "test/mfa" {
      	capabilities = ["create", "sudo"]
      	mfa_methods = ["my_totp", "my_totp2"]
      }
      path "test/+/segment" {
      	capabilities = ["create", "sudo"]
      }
      path "test/segment/at/end/+" {
      	capabilities = ["create", "sudo"]
      }
      path "test/segment/at/end/v2/+/" {
      	capabilities = ["create", "sudo"]
      }
      path "test/+/wildcard/+/*" {
      	capabilities = ["create", "sudo"]
      }
      path "test/+/wildcard/+/end*" {
      	capabilities = ["create", "sudo"]
      }
      """;

    record Expected(String path, boolean prefix, boolean segments, List<Capability> caps, long min, long max) {}

    @Test
    void parsesVaultsReferencePolicy() throws Exception {
        Policy p = Policy.parse("dev", RAW_POLICY);

        List<Expected> expected = List.of(
                new Expected("", true, false, List.of(Capability.DENY), 0, 0),
                new Expected(
                        "stage/",
                        true,
                        false,
                        List.of(
                                Capability.CREATE,
                                Capability.READ,
                                Capability.UPDATE,
                                Capability.DELETE,
                                Capability.LIST,
                                Capability.SUDO),
                        0,
                        0),
                new Expected("prod/version", false, false, List.of(Capability.READ, Capability.LIST), 0, 0),
                new Expected("foo/bar", false, false, List.of(Capability.READ, Capability.LIST), 300, 3600),
                new Expected("foo/bar", false, false, List.of(Capability.CREATE, Capability.SUDO), 300, 3600),
                new Expected("foo/bar", false, false, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("baz/bar", false, false, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("biz/bar", false, false, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("test/types", false, false, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("test/req", false, false, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("test/patch", false, false, List.of(Capability.PATCH), 0, 0),
                new Expected("test/mfa", false, false, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("test/+/segment", false, true, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("test/segment/at/end/+", false, true, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected(
                        "test/segment/at/end/v2/+/", false, true, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("test/+/wildcard/+/*", false, true, List.of(Capability.CREATE, Capability.SUDO), 0, 0),
                new Expected("test/+/wildcard/+/end*", false, true, List.of(Capability.CREATE, Capability.SUDO), 0, 0));
        assertThat(p.rules()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            PathRule r = p.rules().get(i);
            Expected e = expected.get(i);
            assertThat(r.path()).as("rule %d", i).isEqualTo(e.path());
            assertThat(r.prefix()).as("prefix %d", i).isEqualTo(e.prefix());
            assertThat(r.segmentWildcards()).as("segments %d", i).isEqualTo(e.segments());
            int bits = e.caps().stream().mapToInt(c -> c.bit).reduce(0, (a, b) -> a | b);
            assertThat(r.permissions().bits).as("bits %d", i).isEqualTo(bits);
            assertThat(r.permissions().minWrappingSeconds).as("min %d", i).isEqualTo(e.min());
            assertThat(r.permissions().maxWrappingSeconds).as("max %d", i).isEqualTo(e.max());
        }
        assertThat(p.rules().get(5).permissions().allowed).isEqualTo(Map.of("zip", List.of(), "zap", List.of()));
        assertThat(p.rules().get(6).permissions().denied).isEqualTo(Map.of("zip", List.of(), "zap", List.of()));
        assertThat(p.rules().get(8).permissions().allowed)
                .isEqualTo(Map.of("map", List.of(Map.of("good", "one")), "int", List.of(1L, 2L)));
        assertThat(p.rules().get(8).permissions().denied)
                .isEqualTo(Map.of("string", List.of("test"), "bool", List.of(false)));
        assertThat(p.rules().get(9).permissions().required).containsExactly("foo");
    }

    @Test
    void jsonPolicyParsesLikeHcl() throws Exception {
        Policy json = Policy.parse("j", """
        {"path": {"secret/*": {"capabilities": ["read"], "allowed_parameters": {"a": []}},
                  "secret/x": {"policy": "write"}}}""");
        Policy list = Policy.parse("l", "{\"path\": [{\"secret/*\": {\"capabilities\": [\"read\"]}}]}");

        assertThat(json.rules()).extracting(PathRule::path).containsExactly("secret/", "secret/x");
        assertThat(json.rules().get(0).permissions().allowed).isEqualTo(Map.of("a", List.of()));
        assertThat(list.rules()).extracting(PathRule::path).containsExactly("secret/");
    }

    @Test
    void acceptsHcl1Forms() throws Exception {
        // Heredocs, nested blocks without '=', commas between items, comments of all three kinds,
        // a path block with no label and one with two labels: OpenBao accepts each (204).
        Policy p = Policy.parse("h", """
        // slash comment
        /* block
           comment */
        path "x" {
         comment = <<EOT
        hello
        EOT
         capabilities = ["update",]  # trailing comma
         allowed_parameters {
          "foo" = []
         }
        }
        path "y" { capabilities = ["read"], allowed_parameters = { "a" = [], "b" = ["c"] } }
        path { capabilities = ["read"] }
        path "z" "ignored" { capabilities = ["list"] }
        """);

        assertThat(p.rules()).extracting(PathRule::path).containsExactly("x", "y", "path", "z");
        assertThat(p.rules().get(0).permissions().allowed).isEqualTo(Map.of("foo", List.of()));
        assertThat(p.rules().get(1).permissions().allowed).isEqualTo(Map.of("a", List.of(), "b", List.of("c")));
    }

    @Test
    void denyBlockSkipsTheRestOfItsValidationAsVaultDoes() throws Exception {
        // OpenBao: 204 for a deny block with an unparseable TTL.
        assertThat(Policy.parse("d", "path \"x\" { capabilities = [\"deny\"] min_wrapping_ttl = \"zzz\" }")
                        .rules())
                .hasSize(1);
    }

    @Test
    void commentOnlyAndBlankPoliciesAreValid() throws Exception {
        assertThat(Policy.parse("e", "# just a comment").rules()).isEmpty();
        assertThat(Policy.parse("e", "   ").rules()).isEmpty();
    }

    @Test
    void templatedPathsAreRecognised() throws Exception {
        assertThat(Policy.parse("t", "path \"secret/{{identity.entity.id}}/*\" { capabilities = [\"read\"] }")
                        .templated())
                .isTrue();
        assertThat(Policy.parse("t", "path \"secret/*\" { capabilities = [\"read\"] }")
                        .templated())
                .isFalse();
    }

    @ParameterizedTest(name = "refuses: {0}")
    @MethodSource
    void refusesInvalidPolicies(String text, String vaultError) {
        assertThatThrownBy(() -> Policy.parse("bad", text))
                .isInstanceOf(PolicyException.class)
                .hasMessage(vaultError);
    }

    static Stream<Arguments> refusesInvalidPolicies() {
        return Stream.of(
                // policy_test.go: TestPolicy_ParseBadRoot / BadPath (the texts OpenBao returns verbatim)
                Arguments.of(
                        "name = \"test\"\nbad  = \"foo\"\nnope = \"yes\"",
                        "failed to parse policy: 2 errors occurred:\n\t* invalid key \"bad\" on line 2\n"
                                + "\t* invalid key \"nope\" on line 3\n\n"),
                Arguments.of(
                        "path \"/\" {\n\tcapabilities = [\"read\"]\n\tcapabilites  = [\"read\"]\n}",
                        "failed to parse policy: path \"/\": 1 error occurred:\n\t* invalid key \"capabilites\" on line 3\n\n"),
                Arguments.of(
                        "path \"x\" { capabilites = [\"read\"] }",
                        "failed to parse policy: path \"x\": 1 error occurred:\n\t* invalid key \"capabilites\" on line 1\n\n"),
                Arguments.of(
                        "{\"bogus\": 1}",
                        "failed to parse policy: 1 error occurred:\n\t* invalid key \"bogus\" on line 1\n\n"),
                // TestPolicy_ParseBadPolicy / BadCapabilities / BadSegmentWildcard / BadWrapping. Vault's
                // code prefixes these once with the path; OpenBao 2.7.2 prints the prefix twice.
                Arguments.of(
                        "path \"/\" {\n\tpolicy = \"banana\"\n}",
                        "failed to parse policy: path \"/\": invalid policy \"banana\""),
                Arguments.of(
                        "path \"/\" {\n\tcapabilities = [\"read\", \"banana\"]\n}",
                        "failed to parse policy: path \"/\": invalid capability \"banana\""),
                Arguments.of(
                        "path \"x\" { capabilities = [1] }",
                        "failed to parse policy: path \"x\": invalid capability \"1\""),
                Arguments.of(
                        "path \"foo/+*\" { capabilities = [\"read\"] }",
                        "failed to parse policy: path \"foo/+*\": invalid use of wildcards ('+*' is forbidden)"),
                Arguments.of(
                        "path \"/\" {\n\tpolicy = \"read\"\n\tmin_wrapping_ttl = 400\n\tmax_wrapping_ttl = 200\n}",
                        "failed to parse policy: max_wrapping_ttl cannot be less than min_wrapping_ttl"),
                Arguments.of(
                        "path \"x\" { min_wrapping_ttl = \"abc\" }",
                        "failed to parse policy: error parsing min_wrapping_ttl: time: invalid duration \"abc\""),
                Arguments.of(
                        "path \"x/{{identity.entity.id\" { capabilities = [\"read\"] }",
                        "failed to parse policy: failed to validate policy templating: unbalanced templating characters"),
                // HCL syntax and decoding errors, worded as OpenBao (HashiCorp's HCL1) words them.
                Arguments.of(
                        "path \"x\" { capabilities = [\"read\" }",
                        "failed to parse policy: At 1:35: error parsing list, expected comma or list end, got: RBRACE"),
                Arguments.of(
                        "garbage",
                        "failed to parse policy: At 1:9: key 'garbage' expected start of object ('{') or assignment ('=')"),
                Arguments.of(
                        "path \"x\" = { capabilities = [\"read\"] }",
                        "failed to parse policy: At 1:10: nested object expected: LBRACE got: ASSIGN"),
                Arguments.of(
                        "name{}", "failed to parse policy: At -: root.name: unknown type for string *ast.ObjectList"),
                Arguments.of(
                        "path \"x\" { capabilities = \"read\" }",
                        "failed to parse policy: path \"x\": At 1:27: unknown slice type: *ast.LiteralType"),
                Arguments.of(
                        "path \"x\" { allowed_parameters = [\"a\"] }",
                        "failed to parse policy: path \"x\": At 1:33: root.allowed_parameters: not an object type for map "
                                + "(*ast.ListType)"),
                Arguments.of(
                        "path \"x\" { allowed_parameters = { \"a\" = \"b\" } }",
                        "failed to parse policy: path \"x\": At 1:41: unknown slice type: *ast.LiteralType"),
                Arguments.of(
                        "path \"x\" { required_parameters = \"a\" }",
                        "failed to parse policy: path \"x\": At 1:34: unknown slice type: *ast.LiteralType"),
                Arguments.of(
                        "path \"x\" { capabilities = [\"read\"",
                        "failed to parse policy: At 1:34: error parsing list, expected comma or list end, got: EOF"),
                Arguments.of(
                        "path \"x\" { capabilities = [\"read\"]",
                        "failed to parse policy: At 1:36: object expected closing RBRACE got: EOF"),
                Arguments.of(
                        "path \"x { capabilities = [\"read\"] }",
                        "failed to parse policy: At 1:36: literal not terminated"),
                Arguments.of(
                        "path \"x\" { capabilities = [read] }",
                        "failed to parse policy: At 1:28: unexpected token while parsing list: IDENT"),
                Arguments.of(
                        "path \"x\" { capabilities = [\"read\"] } }",
                        "failed to parse policy: At 1:38: expected: IDENT | STRING | ASSIGN | LBRACE got: RBRACE"),
                Arguments.of("@", "failed to parse policy: At 1:1: illegal char"),
                Arguments.of(
                        "name = \"x\"\nfoo \"y\" {\n}",
                        "failed to parse policy: 1 error occurred:\n\t* invalid key \"foo\" on line 0\n\n"),
                Arguments.of(
                        "path \"x\" {\n capabilities = [\"read\"]\n foo {\n }\n}",
                        "failed to parse policy: path \"x\": 1 error occurred:\n\t* invalid key \"foo\" on line 0\n\n"),
                Arguments.of(
                        "path \"x\" { capabilities = [true] }",
                        "failed to parse policy: path \"x\": At 1:28: root.Capabilities[0]: unknown type for string *ast.LiteralType"),
                // Vault's own check of the Enterprise stanza (OpenBao words it differently).
                Arguments.of(
                        "path \"x\" { control_group = { ttl = \"1h\" } capabilities = [\"read\"] }",
                        "failed to parse policy: no control group factors provided"),
                // OpenBao accepts "scan"; Vault 1.20 does not know it.
                Arguments.of(
                        "path \"x\" { capabilities = [\"scan\"] }",
                        "failed to parse policy: path \"x\": invalid capability \"scan\""));
    }

    @ParameterizedTest(name = "duration {0} = {1}s")
    @MethodSource
    void wrappingTtlsReadAsVaultReadsThem(Object in, long seconds) {
        assertThat(Durations.parseSeconds(in)).isEqualTo(seconds);
    }

    static Stream<Arguments> wrappingTtlsReadAsVaultReadsThem() {
        return Stream.of(
                Arguments.of(300L, 300),
                Arguments.of("300", 300),
                Arguments.of("300s", 300),
                Arguments.of("1h", 3600),
                Arguments.of("1h30m", 5400),
                Arguments.of("2d", 172_800),
                Arguments.of("1.5h", 5400),
                Arguments.of("", 0));
    }
}
