package dev.vaultoidc.examples;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Protects an unmodified service ({@link LegacyHelloApp}) with the Java agent: starts the emulator, makes a role,
 * launches the service in its own JVM with {@code -javaagent:vault-oidc-agent.jar=address=…,audiences=…}, and
 * calls it without a token, with a Vault ID token, and on an excluded path. The agent jar is
 * {@code javaagent/target/vault-oidc-agent.jar} (build it first) or {@code -Dvault.oidc.agent.jar}.
 */
public final class AgentExample {
    private AgentExample() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out, agentJar(), System.getProperty("java.class.path")));
    }

    /** The agent jar, from {@code -Dvault.oidc.agent.jar} or the repository layout. */
    public static Path agentJar() {
        String set = System.getProperty("vault.oidc.agent.jar");
        if (set != null) {
            return Path.of(set);
        }
        Path here = Path.of("javaagent/target/vault-oidc-agent.jar");
        return Files.exists(here) ? here : Path.of("../javaagent/target/vault-oidc-agent.jar");
    }

    /** Runs the example; 0 when every answer was as expected. */
    public static int run(PrintStream out, Path agentJar, String classPath) throws Exception {
        try (VaultEmulator vault = VaultEmulator.builder().build().start()) {
            VaultClient root = VaultClient.builder()
                    .address(vault.address())
                    .auth(VaultAuth.token(vault.rootToken()))
                    .build();
            OidcAdmin oidc = root.identity().oidc();
            oidc.writeKey("k", NamedKeyRequest.builder().allowedClientIds("*").build());
            oidc.writeRole(
                    "hello",
                    RoleRequest.builder().key("k").ttl(Duration.ofMinutes(5)).build());
            String audience = oidc.readRole("hello").orElseThrow().clientId();
            // A caller may mint ID tokens of role hello and nothing more, as its policy on a real Vault would say.
            vault.writePolicy("hello-caller", "path \"identity/oidc/token/hello\" { capabilities = [\"read\"] }");
            String workload = vault.createToken(vault.createEntity("caller"), "hello-caller");
            String token = VaultClient.builder()
                    .address(vault.address())
                    .auth(VaultAuth.token(workload))
                    .build()
                    .identity()
                    .oidc()
                    .generateToken("hello")
                    .token();

            // The service's class path holds Jetty and the service only: vault-oidc comes with the agent.
            List<String> cp = new ArrayList<>();
            for (String e : classPath.split(File.pathSeparator)) {
                String n = Path.of(e).getFileName().toString();
                if (n.equals("classes")
                        || n.startsWith("jetty-")
                        || n.startsWith("jakarta.servlet-api")
                        || n.startsWith("slf4j-api")) {
                    cp.add(e);
                }
            }
            String options =
                    "address=" + vault.address() + ",audiences=" + audience + ",agent.inbound.excluded-paths=/health";
            out.println("$ java -javaagent:vault-oidc-agent.jar=" + options + " " + LegacyHelloApp.class.getName());
            Process app = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-javaagent:" + agentJar.toAbsolutePath() + "=" + options,
                            "-cp",
                            String.join(File.pathSeparator, cp),
                            LegacyHelloApp.class.getName())
                    .redirectErrorStream(true)
                    .start();
            try {
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
                String port = null;
                for (String line; port == null && (line = lines.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        port = line.substring(6).strip();
                    } else if (line.contains("vault-oidc agent")) {
                        out.println("  (agent) " + line.substring(line.indexOf("vault-oidc agent")));
                    }
                }
                if (port == null) {
                    out.println("the service did not start");
                    return 1;
                }
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                int failures = 0;
                failures += call(out, http, base + "/hello", null, 401);
                failures += call(out, http, base + "/hello", token, 200);
                failures += call(out, http, base + "/health", null, 200);
                out.println(
                        failures == 0
                                ? "Done: the unmodified service is protected by the agent."
                                : "Done with " + failures + " unexpected answer(s).");
                return failures == 0 ? 0 : 1;
            } finally {
                app.destroy();
            }
        }
    }

    private static int call(PrintStream out, HttpClient http, String url, String token, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        out.println("GET " + URI.create(url).getPath() + (token == null ? " without a token" : " with the ID token")
                + " -> HTTP " + r.statusCode()
                + (r.statusCode() == 401
                        ? ", WWW-Authenticate: "
                                + r.headers().firstValue("WWW-Authenticate").orElse("")
                        : ", body: " + r.body().replace(token == null ? "\u0000" : token, "<token>")));
        return r.statusCode() == expected ? 0 : 1;
    }
}
