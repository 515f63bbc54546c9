package dev.vaultoidc.agent.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger (the agent's relocated copy) writing to {@link AgentLog}. */
final class AgentLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    AgentLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return AgentLog.enabled(AgentLog.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return AgentLog.enabled(AgentLog.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return AgentLog.enabled(AgentLog.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return AgentLog.enabled(AgentLog.Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return AgentLog.enabled(AgentLog.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        AgentLog.log(AgentLog.Level.valueOf(level.name()), name, message, throwable);
    }
}
