package dev.vaultoidc.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenBaoDevServerTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsAnswersWithItsRootTokenAndStopsCompletely() throws Exception {
        OpenBaoBinary binary = TestBinaries.realOrSkip();
        OpenBaoDevServer bao = OpenBaoDevServer.builder().binary(binary).build().start();
        String address;
        long pid;
        Path log;
        try {
            address = bao.address();
            pid = bao.pid();
            log = bao.logFile();
            assertThat(address).startsWith("http://127.0.0.1:");
            assertThat(get(address + "/v1/sys/health", null).statusCode()).isEqualTo(200);
            assertThat(get(address + "/v1/auth/token/lookup-self", bao.rootToken())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(address + "/v1/auth/token/lookup-self", "not-the-token")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(bao.toString()).doesNotContain(bao.rootToken());
            assertThat(Files.exists(log)).isTrue();
        } finally {
            bao.close();
        }
        assertThat(bao.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThatThrownBy(() -> get(address + "/v1/sys/health", null)).isInstanceOf(ConnectException.class);
        assertThat(Files.exists(log)).as("log deleted after a clean stop").isFalse();
        bao.close(); // idempotent
    }

    @Test
    void twoServersRunSideBySideWithTheirOwnTokens() throws Exception {
        OpenBaoBinary binary = TestBinaries.realOrSkip();
        try (OpenBaoDevServer a =
                        OpenBaoDevServer.builder().binary(binary).build().start();
                OpenBaoDevServer b = OpenBaoDevServer.builder()
                        .binary(binary)
                        .rootToken("given-token")
                        .build()
                        .start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.rootToken()).isNotEqualTo(b.rootToken());
            assertThat(b.rootToken()).isEqualTo("given-token");
            assertThat(get(b.address() + "/v1/auth/token/lookup-self", "given-token")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(b.address() + "/v1/auth/token/lookup-self", a.rootToken())
                            .statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void aMissingBinaryIsReportedAsMissingWithWhatWasTried() {
        assertThatThrownBy(() -> OpenBaoBinary.locate("/nonexistent/dir/bao"))
                .isInstanceOfSatisfying(OpenBaoUnavailableException.class, e -> {
                    assertThat(e.missing()).isTrue();
                    assertThat(e.getMessage()).contains("/nonexistent/dir/bao: not found");
                });
    }

    @Test
    void aBinaryThatIsNotBaoIsReportedAsBroken(@TempDir Path dir) throws IOException {
        Path fake = script(dir, "echo 'something else'; exit 1");
        assertThatThrownBy(() -> OpenBaoBinary.locate(fake.toString()))
                .isInstanceOfSatisfying(OpenBaoUnavailableException.class, e -> {
                    assertThat(e.missing()).isFalse();
                    assertThat(e.getMessage()).contains("`bao version` failed", "something else");
                });
    }

    @Test
    void aServerThatExitsAtStartFailsFastQuotingItsLog(@TempDir Path dir) throws IOException {
        Path fake = script(
                dir,
                "if [ \"$1\" = version ]; then echo 'OpenBao v0.0.0-fake'; exit 0; fi;"
                        + " echo 'Error initializing core: boom'; exit 3");
        OpenBaoBinary binary = OpenBaoBinary.locate(fake.toString());
        assertThat(binary.version()).isEqualTo("OpenBao v0.0.0-fake");
        assertThatThrownBy(
                        () -> OpenBaoDevServer.builder().binary(binary).build().start())
                .isInstanceOfSatisfying(OpenBaoUnavailableException.class, e -> {
                    assertThat(e.missing()).isFalse();
                    assertThat(e.getMessage()).contains("exited with status 3", "Error initializing core: boom");
                });
    }

    @Test
    void recognisesPyenvShims(@TempDir Path dir) throws IOException {
        Path shim = script(dir, "exec \"/root/.pyenv/libexec/pyenv\" exec \"$program\" \"$@\"");
        Path plain = script(dir.resolve("x"), "echo hi");
        assertThat(OpenBaoBinary.isPyenvShim(shim)).isTrue();
        assertThat(OpenBaoBinary.isPyenvShim(plain)).isFalse();
    }

    @Test
    void rejectsUnusableSettings() {
        assertThatThrownBy(() -> OpenBaoDevServer.builder().rootToken(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenBaoDevServer.builder().rootToken("a b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenBaoDevServer.builder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenBaoDevServer.builder().build().address())
                .isInstanceOf(IllegalStateException.class);
    }

    static Path script(Path dir, String body) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve("bao");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            b.header("X-Vault-Token", token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
