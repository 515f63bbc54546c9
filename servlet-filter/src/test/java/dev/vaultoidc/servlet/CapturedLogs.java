package dev.vaultoidc.servlet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures everything {@code dev.vaultoidc.*} logs at DEBUG and above while open, instead of printing it:
 * tests assert on expected warnings and keep the build output quiet.
 */
final class CapturedLogs implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.vaultoidc");
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Level level = logger.getLevel();
    private final boolean additive = logger.isAdditive();

    CapturedLogs() {
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    List<String> messages() {
        return events.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(events);
        logger.setLevel(level);
        logger.setAdditive(additive);
    }
}
