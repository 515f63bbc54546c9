package dev.vaultoidc.examples;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.servlet.VaultOidcFilter;
import dev.vaultoidc.servlet.VaultOidcPrincipal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A servlet protected by {@link VaultOidcFilter} in an embedded Jetty 12 (ee10), without Spring: one
 * call with a valid Vault ID token is accepted, one with a token minted for another audience is
 * rejected. Vault is an embedded emulator.
 */
public final class PlainServletExample {

    private PlainServletExample() {}

    /**
     * Runs the example and exits with its status.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /**
     * Runs the example against a fresh embedded emulator.
     *
     * @param out where the steps are printed
     * @return 0 when the valid call was accepted and the other rejected; 1 otherwise
     */
    public static int run(PrintStream out) {
        try (VaultEmulator emulator = VaultEmulator.builder().build().start()) {
            return run(out, emulator.address(), emulator.rootToken(), "Vault emulator");
        }
    }

    /**
     * Runs the example against the Vault at {@code address} (a fresh one: it uses fixed names).
     *
     * @param out     where the steps are printed
     * @param address the Vault's address
     * @param token   a token allowed to enable auth methods, write ACL policies and administer {@code identity/}
     * @return 0 when the valid call was accepted and the other rejected; 1 otherwise
     */
    public static int run(PrintStream out, String address, String token) {
        return run(out, address, token, "Vault");
    }

    private static int run(PrintStream out, String address, String token, String which) {
        Narrator n = new Narrator(out);
        try {
            n.line("vault-oidc plain servlet example: VaultOidcFilter in Jetty 12, " + which + " at " + address);
            VaultClient admin = VaultClient.builder()
                    .address(address)
                    .auth(VaultAuth.token(token))
                    .build();

            n.section("Vault: a signing key and two roles (two audiences)");
            OidcAdmin oidc = admin.identity().oidc();
            oidc.writeKey(
                    "orders-key",
                    NamedKeyRequest.builder().allowedClientIds("*").build());
            oidc.writeRole(
                    "orders",
                    RoleRequest.builder()
                            .key("orders-key")
                            .ttl(Duration.ofMinutes(15))
                            .build());
            oidc.writeRole(
                    "billing",
                    RoleRequest.builder()
                            .key("orders-key")
                            .ttl(Duration.ofMinutes(15))
                            .build());
            String ordersClientId = oidc.readRole("orders").orElseThrow().clientId();
            n.step("role \"orders\" (client_id " + ordersClientId + ") is the audience the service accepts;"
                    + " role \"billing\" is another audience");

            n.section("A workload logs in with AppRole and fetches ID tokens");
            AppRoles approle = AppRoles.enable(admin, "approle");
            writeTokenPolicy(admin, n);
            approle.writeRole("orders-client", Map.of("token_ttl", "1h", "token_policies", List.of(POLICY)));
            VaultClient workload = VaultClient.builder()
                    .address(address)
                    .auth(VaultAuth.appRole(approle.roleId("orders-client"), approle.newSecretId("orders-client")))
                    .build();
            String ordersToken = mint(workload, "orders");
            String billingToken = mint(workload, "billing");
            n.step("ID token from role \"orders\", claims:");
            n.claims(ordersToken);

            n.section("The service: Jetty 12 with VaultOidcFilter in front of a servlet");
            try (TokenVerifier verifier = TokenVerifier.builder()
                    .vaultAddress(address)
                    .audiences(ordersClientId)
                    .build()) {
                Server jetty = startJetty(
                        VaultOidcFilter.builder(verifier).realm("orders").build());
                try {
                    String url = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
                            + "/orders";
                    n.step("listening at " + url);

                    ServiceCall accepted = ServiceCall.get(url, ordersToken);
                    n.step("GET /orders with the \"orders\" token -> " + accepted.summary());
                    ServiceCall rejected = ServiceCall.get(url, billingToken);
                    n.step("GET /orders with the \"billing\" token -> " + rejected.summary());

                    boolean ok = accepted.status() == 200 && rejected.status() == 401;
                    n.line("");
                    n.line(
                            ok
                                    ? "Done: the valid token was accepted, the wrong audience rejected."
                                    : "FAILED: unexpected answers");
                    return ok ? 0 : 1;
                } finally {
                    jetty.stop();
                }
            }
        } catch (Exception e) {
            out.println();
            out.println("FAILED: " + e);
            return 1;
        }
    }

    private static final String POLICY = "orders-client-id-tokens";

    /**
     * The workload's tokens need {@code read} on {@code identity/oidc/token/<role>}, which Vault's default policy
     * lacks. The emulator enforces no ACLs and has no policy endpoint (404): only that answer is passed over.
     */
    private static void writeTokenPolicy(VaultClient admin, Narrator n) {
        try {
            admin.logical()
                    .write(
                            "sys/policies/acl/" + POLICY,
                            Map.of(
                                    "policy",
                                    "path \"identity/oidc/token/orders\" { capabilities = [\"read\"] }\n"
                                            + "path \"identity/oidc/token/billing\" { capabilities = [\"read\"] }\n"));
            n.step("ACL policy " + POLICY + ": read on identity/oidc/token/orders and /billing");
        } catch (VaultException e) {
            if (e.reason() != VaultErrorReason.NOT_FOUND) {
                throw e;
            }
        }
    }

    private static String mint(VaultClient workload, String role) {
        return workload.identity().oidc().generateToken(role).token();
    }

    private static Server startJetty(VaultOidcFilter filter) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new OrdersServlet()), "/orders");
        server.setHandler(context);
        server.start();
        return server;
    }

    /** What the application writes: it only reads the principal the filter put on the request. */
    static final class OrdersServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            VaultOidcPrincipal who = (VaultOidcPrincipal) request.getUserPrincipal();
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("orders for entity " + who.getName());
        }
    }
}
