package dev.vaultoidc.agent.config;

/** How a property's text is read. */
enum Kind {
    TEXT,
    SECRET,
    LIST,
    DURATION,
    BOOLEAN,
    INTEGER,
    PATH,
    URL,
    AUTH_METHOD,
    LOG_LEVEL,
    /** auto, jdk or native ({@code dev.vaultoidc.core.verify.SignatureProvider}), any case. */
    SIGNATURE_PROVIDER,
    /** Understood by the Spring starter only; the agent accepts the name and says it ignores it. */
    SPRING_ONLY
}
