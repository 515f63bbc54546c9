package dev.vaultoidc.agent.inbound;

import dev.vaultoidc.agent.config.AgentSettings;

/**
 * What a {@link Gate} needs, in types its class loader shares with the agent.
 *
 * @param verifier the {@code TokenVerifier} (shared by all gates: one key cache per JVM); waits while the agent
 *     is still building it
 */
public record InboundConfig(java.util.function.Supplier<Object> verifier, AgentSettings.Inbound settings) {}
