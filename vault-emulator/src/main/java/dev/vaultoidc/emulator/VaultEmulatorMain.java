package dev.vaultoidc.emulator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone emulator:
 * {@code java -jar vault-emulator-<version>.jar --port 8200 --root-token <t> [--host 0.0.0.0]
 * [--flavour openbao] [--no-acl]}.
 * Prints its address, then serves until the JVM is stopped (Ctrl-C).
 */
public final class VaultEmulatorMain {

    static final String USAGE = "usage: java -jar vault-emulator.jar [--port 8200] [--host 127.0.0.1]"
            + " [--root-token <token>] [--auth <type>[:<path>]]... [--flavour vault|openbao]"
            + " [--no-test-controls] [--no-acl]";

    private VaultEmulatorMain() {}

    static final String HELP = USAGE + "\n\n"
            + "An in-memory Vault for tests: the identity secrets engine, OIDC identity tokens, token\n"
            + "auth with token roles, AppRole. Serves until stopped (Ctrl-C).\n\n"
            + "  --port <n>             port to listen on (default 8200; 0 = any free port)\n"
            + "  --host <address>       address to bind (default 127.0.0.1)\n"
            + "  --root-token <token>   the root token (default \"root\")\n"
            + "  --auth <type>[:<path>] enable an auth method at start, e.g. approle (repeatable)\n"
            + "  --flavour vault|openbao answer like HashiCorp Vault (default) or OpenBao\n"
            + "  --no-test-controls     do not serve the test controls under /_emulator/\n"
            + "                         (clock, faults, request log, reset; root token only)\n"
            + "  -h, --help             print this help and exit\n";

    /**
     * Runs the standalone emulator; {@code --help} prints the options to standard output and
     * exits 0, bad options print the reason and the usage to standard error and exit 2.
     */
    public static void main(String[] args) throws InterruptedException {
        if (wantsHelp(args)) {
            System.out.print(HELP);
            System.out.flush();
            return;
        }
        VaultEmulator emulator;
        try {
            emulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            stopped.countDown();
                        },
                        "vault-emulator-shutdown"));
        stopped.await();
    }

    /** Help wins wherever it stands, as in most command-line tools. */
    static boolean wantsHelp(String[] args) {
        return java.util.Arrays.asList(args).contains("--help")
                || java.util.Arrays.asList(args).contains("-h");
    }

    private static boolean controls(String[] args) {
        return !java.util.Arrays.asList(args).contains("--no-test-controls");
    }

    /** Parses {@code args}, starts the emulator and prints where it listens; for main and tests. */
    static VaultEmulator start(String[] args, PrintStream out) {
        VaultEmulator.Builder builder = VaultEmulator.builder().port(8200);
        boolean defaultToken = true;
        java.util.List<String[]> auths = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--no-test-controls")) {
                builder.testControls(false);
                continue;
            }
            if (arg.equals("--no-acl")) {
                // Every valid token may call every path, as before the emulator enforced policies.
                builder.aclEnforcement(false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--port" -> {
                    try {
                        builder.port(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number: " + value);
                    }
                }
                case "--host" -> builder.host(value);
                case "--root-token" -> {
                    builder.rootToken(value);
                    defaultToken = false;
                }
                case "--auth" -> auths.add(value.split(":", 2));
                case "--flavour" -> builder.flavour(Flavour.parse(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        VaultEmulator emulator = builder.build().start();
        for (String[] auth : auths) {
            String accessor = emulator.enableAuth(auth.length > 1 ? auth[1] : auth[0], auth[0]);
            out.println("Enabled auth method " + auth[0] + " (accessor " + accessor + ")");
        }
        out.println("Vault emulator listening on " + emulator.address());
        out.println("Flavour: " + emulator.flavour().name().toLowerCase(java.util.Locale.ROOT));
        out.println(
                emulator.aclEnforcement()
                        ? "ACL policies: enforced (--no-acl to turn off)"
                        : "ACL policies: not enforced (--no-acl)");
        // The token is a secret unless it is the well-known default, so only the default is shown.
        out.println(
                defaultToken
                        ? "Root token: root (default; set one with --root-token)"
                        : "Root token: the value given with --root-token");
        out.println(
                controls(args)
                        ? "Test controls: " + emulator.address() + TestControls.PREFIX
                                + " (root token only; turn off with --no-test-controls)"
                        : "Test controls: off");
        out.println("export VAULT_ADDR=" + emulator.address());
        out.flush();
        return emulator;
    }
}
