package dev.vaultoidc.agent.logging;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * The agent's log sink: one line per event on standard error, prefixed {@code [vault-oidc-agent]}. Deliberately
 * not {@code java.util.logging}: touching JUL from {@code premain} would fix its {@code LogManager} before the
 * application (JBoss LogManager, Tomcat JULI) can choose one. Nor the application's SLF4J: the agent's own SLF4J
 * is relocated and bound to this sink, so neither sees the other.
 */
public final class AgentLog {
    /** Levels, most severe first. */
    public enum Level {
        ERROR,
        WARN,
        INFO,
        DEBUG,
        TRACE
    }

    private static volatile Level threshold = Level.INFO;
    private static volatile PrintStream out = System.err;

    private AgentLog() {}

    /** Sets the threshold from {@code vault.oidc.agent.log-level}. */
    public static void threshold(Level level) {
        threshold = level;
    }

    /** Parses a level name, case-insensitively. */
    public static Level parse(String name) {
        return Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /** Whether {@code level} is logged. */
    public static boolean enabled(Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    /** Writes one line (and the stack trace, if any). */
    public static void log(Level level, String logger, String message, Throwable t) {
        if (!enabled(level)) {
            return;
        }
        PrintStream o = out;
        StringBuilder sb = new StringBuilder(96)
                .append("[vault-oidc-agent] ")
                .append(Instant.now())
                .append(' ')
                .append(level)
                .append(' ')
                .append(shortName(logger))
                .append(" - ")
                .append(message);
        synchronized (o) {
            o.println(sb);
            if (t != null) {
                t.printStackTrace(o);
            }
        }
    }

    public static void info(String logger, String message) {
        log(Level.INFO, logger, message, null);
    }

    public static void warn(String logger, String message, Throwable t) {
        log(Level.WARN, logger, message, t);
    }

    public static void error(String logger, String message, Throwable t) {
        log(Level.ERROR, logger, message, t);
    }

    private static String shortName(String logger) {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
