package dev.vaultoidc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 9 (an empty token is malformed, not a usage error) and item 12 (the JWKS size setting). */
class EmptyTokenAndJwksSizeTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyTokenIsMalformedWithExitOne() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        for (String[] args : new String[][] {
            {"verify", "--jwks", jwks.toString(), "--issuer", LocalKeys.ISSUER, "--audience", LocalKeys.CLIENT_ID, ""},
            {"verify", "--jwks", jwks.toString(), "--issuer", LocalKeys.ISSUER, "--audience", LocalKeys.CLIENT_ID}
        }) {
            Result r = run("  \n", args);
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).contains("\"reason\" : \"MALFORMED\"").doesNotContain("[token]");
        }
        Result decode = run("", "decode", "");
        assertThat(decode.code()).isEqualTo(1);
        assertThat(decode.err()).contains("malformed");
    }

    @Test
    void maxJwksBytesIsASetting() throws Exception {
        Path jwks = LocalKeys.writeJwks(dir);
        String token = LocalKeys.valid();
        Result ok = run(
                "",
                "verify",
                "--jwks",
                jwks.toString(),
                "--issuer",
                LocalKeys.ISSUER,
                "--audience",
                LocalKeys.CLIENT_ID,
                "--max-jwks-bytes",
                "4194304",
                token);
        assertThat(ok.code()).as(ok.err()).isZero();
        Result bad = run(
                "",
                "verify",
                "--jwks",
                jwks.toString(),
                "--issuer",
                LocalKeys.ISSUER,
                "--audience",
                LocalKeys.CLIENT_ID,
                "--max-jwks-bytes",
                "many",
                token);
        assertThat(bad.code()).isEqualTo(2);
    }
}
