package dev.vaultoidc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI run in-process, as a user would call it: against a server's real discovery and JWKS (the emulator and
 * OpenBao, {@link BothServers}), or a local JWKS file.
 */
@ExtendWith(VaultEmulatorExtension.class)
class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    /** Runs the tool; every run also checks that the token never appears in its output. */
    private static Result run(String token, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        if (token != null) {
            assertThat(r.out()).doesNotContain(token);
            assertThat(r.err()).doesNotContain(token);
            // Not even the signature, which alone identifies the token.
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.length() > 10) {
                assertThat(r.out() + r.err()).doesNotContain(signature);
            }
        }
        return r;
    }

    @BothServers
    void validServerTokenVerifiesAgainstTheIssuer(TestServer server) throws Exception {
        ServerOidc oidc = ServerOidc.of(server);
        String clientId = oidc.createRole();
        String token = oidc.mint();

        Result r = run(token, "", "verify", "--issuer", oidc.issuer(), "--audience", clientId, token);

        assertThat(r.code()).isZero();
        JsonNode v = r.json();
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("reason").isNull()).isTrue();
        assertThat(v.get("issuerChecked").asBoolean()).isTrue();
        assertThat(v.get("header").get("alg").asText()).isEqualTo("RS256");
        assertThat(v.get("claims").get("aud").asText()).isEqualTo(clientId);
        assertThat(v.get("claims").get("iss").asText()).isEqualTo(oidc.issuer());
        assertThat(r.err()).isEmpty();
    }

    @BothServers
    void vaultAddressDerivesTheIssuer(TestServer server) throws Exception {
        ServerOidc oidc = ServerOidc.of(server);
        String clientId = oidc.createRole();
        String token = oidc.mint();

        Result r = run(token, "", "verify", "--vault-address", oidc.address(), "--audience=other," + clientId, token);

        assertThat(r.code()).isZero();
        assertThat(r.json().get("valid").asBoolean()).isTrue();
    }

    @BothServers
    void wrongAudienceIsRejectedWithItsReason(TestServer server) throws Exception {
        ServerOidc oidc = ServerOidc.of(server);
        oidc.createRole();
        String token = oidc.mint();

        Result r = run(token, "", "verify", "--issuer", oidc.issuer(), "--audience", "someone-else", token);

        assertThat(r.code()).isEqualTo(1);
        JsonNode v = r.json();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("reason").asText()).isEqualTo("WRONG_AUDIENCE");
        assertThat(v.get("message").asText()).isNotBlank();
        assertThat(v.get("claims").get("sub").asText()).isNotBlank();
    }

    @BothServers
    void disallowedAlgorithmIsRejected(TestServer server) throws Exception {
        ServerOidc oidc = ServerOidc.of(server);
        String clientId = oidc.createRole();
        String token = oidc.mint();

        Result r = run(
                token,
                "",
                "verify",
                "--issuer",
                oidc.issuer(),
                "--audience",
                clientId,
                "--algorithms",
                "ES256,EdDSA",
                token);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.json().get("reason").asText()).isEqualTo("UNSUPPORTED_ALGORITHM");
    }

    /** Emulator only: a real server cannot be told to answer 503. */
    @Test
    void unreachableIssuerFailsClosed(VaultEmulator vault) throws Exception {
        vault.reset();
        ServerOidc oidc = new ServerOidc(TestServer.of(vault));
        String clientId = oidc.createRole();
        String token = oidc.mint();
        vault.faults().status("identity/oidc/.well-known/openid-configuration", 503);

        Result r = run(token, "", "verify", "--issuer", oidc.issuer(), "--audience", clientId, token);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.json().get("reason").asText()).isEqualTo("KEYS_UNAVAILABLE");
    }

    @Test
    void jwksFileVerifiesLocallyMintedTokens() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        String token = LocalKeys.valid();

        Result r = run(
                token,
                "",
                "verify",
                "--jwks",
                jwks.toString(),
                "--issuer",
                LocalKeys.ISSUER,
                "--audience",
                LocalKeys.CLIENT_ID,
                token);

        assertThat(r.code()).isZero();
        assertThat(r.json().get("claims").get("groups").get(0).asText()).isEqualTo("ops");
    }

    @Test
    void expiredTokenIsRejectedAndSkewDecidesTheEdge() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        Instant now = Instant.now();
        String longExpired = LocalKeys.mint(LocalKeys.ISSUER, now.minusSeconds(7200), now.minusSeconds(3600));
        // Expired 30 s ago: inside a 2-minute skew, outside a zero one (margins far above test run time).
        String justExpired = LocalKeys.mint(LocalKeys.ISSUER, now.minusSeconds(600), now.minusSeconds(30));
        String[] base = {
            "verify", "--jwks", jwks.toString(), "--issuer", LocalKeys.ISSUER, "--audience", LocalKeys.CLIENT_ID
        };

        Result expired = run(longExpired, "", concat(base, longExpired));
        assertThat(expired.code()).isEqualTo(1);
        assertThat(expired.json().get("reason").asText()).isEqualTo("EXPIRED");

        assertThat(run(justExpired, "", concat(base, "--clock-skew", "2m", justExpired))
                        .code())
                .isZero();
        Result strict = run(justExpired, "", concat(base, "--clock-skew", "0s", justExpired));
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.json().get("reason").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void tokenIssuedInTheFutureIsRejected() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        Instant now = Instant.now();
        String future = LocalKeys.mint(LocalKeys.ISSUER, now.plusSeconds(3600), now.plusSeconds(7200));

        Result r = run(
                future,
                "",
                "verify",
                "--jwks",
                jwks.toString(),
                "--issuer",
                LocalKeys.ISSUER,
                "--audience",
                LocalKeys.CLIENT_ID,
                future);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.json().get("reason").asText()).isEqualTo("ISSUED_IN_FUTURE");
    }

    @Test
    void jwksWithoutIssuerNeedsAnExplicitAnyIssuerWhichTheVerdictReports() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        String token = LocalKeys.mint(
                "https://other-vault.example/v1/identity/oidc",
                Instant.now().minusSeconds(5),
                Instant.now().plusSeconds(600));

        Result refused = run(token, "", "verify", "--jwks", jwks.toString(), "--audience", LocalKeys.CLIENT_ID, token);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--any-issuer");
        assertThat(refused.out()).isEmpty();

        Result r = run(
                token,
                "",
                "verify",
                "--jwks",
                jwks.toString(),
                "--any-issuer",
                "--audience",
                LocalKeys.CLIENT_ID,
                token);
        assertThat(r.code()).isZero();
        assertThat(r.json().get("valid").asBoolean()).isTrue();
        assertThat(r.json().get("issuerChecked").asBoolean()).isFalse();
        assertThat(r.json().get("message").asText()).contains("issuer NOT checked");
    }

    @Test
    void wrongIssuerIsRejectedWithAJwksFile() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        String token = LocalKeys.mint(
                "https://other-vault.example/v1/identity/oidc",
                Instant.now().minusSeconds(5),
                Instant.now().plusSeconds(600));

        Result r = run(
                token,
                "",
                "verify",
                "--jwks",
                jwks.toString(),
                "--issuer",
                LocalKeys.ISSUER,
                "--audience",
                LocalKeys.CLIENT_ID,
                token);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.json().get("reason").asText()).isEqualTo("WRONG_ISSUER");
    }

    @Test
    void tokenFromStdinIsTrimmed() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        String token = LocalKeys.valid();
        String[] args = {
            "verify", "--jwks", jwks.toString(), "--issuer", LocalKeys.ISSUER, "--audience", LocalKeys.CLIENT_ID
        };

        assertThat(run(token, "  " + token + "\n\n", concat(args, "-")).code()).isZero();
        assertThat(run(token, token + "\r\n", args).code()).isZero();
        assertThat(run(token, "\n" + token, "decode").code()).isZero();
    }

    @BothServers
    void decodePrintsHeaderAndClaimsLabelledUnverified(TestServer server) throws Exception {
        ServerOidc oidc = ServerOidc.of(server);
        oidc.createRole();
        String token = oidc.mint();

        Result r = run(token, "", "decode", token);

        assertThat(r.code()).isZero();
        JsonNode d = r.json();
        assertThat(d.get("verified").asBoolean()).isFalse();
        assertThat(d.get("warning").asText()).startsWith("UNVERIFIED");
        assertThat(d.get("header").get("kid").asText()).isNotBlank();
        assertThat(d.get("claims").get("iss").asText()).isEqualTo(oidc.issuer());
        assertThat(d.has("valid")).isFalse();
    }

    @Test
    void malformedTokensAreRejectedWithoutEchoingThem() throws Exception {
        String notJws = "abc.def";
        Result decode = run(notJws, "", "decode", notJws);
        assertThat(decode.code()).isEqualTo(1);
        assertThat(decode.err()).contains("malformed token");

        String badJson = "eyJub3QganNvbg.eyJ4IjoxfQ.c2lnbmF0dXJlLWJ5dGVz";
        assertThat(run(badJson, "", "decode", badJson).code()).isEqualTo(1);

        Path jwks = LocalKeys.writeJwks(dir);
        Result verify = run(
                badJson,
                "",
                "verify",
                "--jwks",
                jwks.toString(),
                "--issuer",
                LocalKeys.ISSUER,
                "--audience",
                LocalKeys.CLIENT_ID,
                badJson);
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.json().get("reason").asText()).isEqualTo("MALFORMED");
        assertThat(verify.json().get("claims").isNull()).isTrue();
    }

    @Test
    void usageErrorsExitWithTwoAndPrintUsageOnStderr() throws Exception {
        String token = LocalKeys.valid();
        Path jwks = LocalKeys.writeJwks(dir);
        String[][] cases = {
            {},
            {"inspect", token},
            {"verify", "--issuer", LocalKeys.ISSUER, token}, // no audience
            {"verify", "--audience", "a", token}, // no issuer
            {"verify", "--issuer", LocalKeys.ISSUER, "--audience", "a", "--bogus", token}, // unknown option
            {
                "verify",
                "--jwks",
                dir.resolve("missing.json").toString(),
                "--issuer",
                LocalKeys.ISSUER,
                "--audience",
                "a",
                token
            }, // unreadable file
            {"verify", "--issuer", LocalKeys.ISSUER, "--audience", "a", "--clock-skew", "10m", token}, // > 5 min
            {"verify", "--issuer", LocalKeys.ISSUER, "--audience", "a", "--algorithms", "HS256", token},
            {"verify", "--issuer", LocalKeys.ISSUER, "--audience", "a", "--clock-skew", "soon", token},
            {"verify", "--issuer", LocalKeys.ISSUER, "--any-issuer", "--jwks", jwks.toString(), "--audience", "a", token
            },
            {"verify", "--issuer", LocalKeys.ISSUER, "--audience", "a", token, token}, // two tokens
            {"verify", "--issuer", LocalKeys.ISSUER, "--audience"}, // missing value
            {"decode", "--audience", "a", token},
            // An empty token (e.g. empty stdin) is MALFORMED, exit 1: EmptyTokenAndJwksSizeTest (issue 17 item 9).
        };
        for (String[] args : cases) {
            Result r = run(token, "   \n", args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .contains("vault-oidc-cli: ")
                    .contains("Usage:");
        }
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        Result r = run(null, "", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage:").contains("--audience");
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
