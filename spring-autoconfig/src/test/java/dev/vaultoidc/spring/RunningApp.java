package dev.vaultoidc.spring;

import dev.vaultoidc.emulator.junit.TestServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A test application booted once per server on a random port, configured for that server: what
 * {@code @SpringBootTest} does for one fixed Vault, done here for each server of a {@code @BothServers} test.
 * {@link Apps#close()} (from {@code @AfterAll}) stops them before the servers stop.
 */
final class RunningApp {
    final ServerVault vault;
    final ConfigurableApplicationContext context;
    final Http http;

    private RunningApp(ServerVault vault, ConfigurableApplicationContext context) {
        this.vault = vault;
        this.context = context;
        this.http = new Http(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The apps of one test class, one per server. */
    static final class Apps implements AutoCloseable {
        private final Class<?> application;
        private final Function<ServerVault, Map<String, String>> properties;
        private final Map<TestServer, RunningApp> running = new ConcurrentHashMap<>();

        /** {@code properties} gives the server-specific settings; {@code server.port=0} is added. */
        Apps(Class<?> application, Function<ServerVault, Map<String, String>> properties) {
            this.application = application;
            this.properties = properties;
        }

        RunningApp on(TestServer server) {
            return running.computeIfAbsent(server, s -> {
                ServerVault vault = ServerVault.of(s);
                String[] args = properties.apply(vault).entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new);
                ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                        .properties("server.port=0", "spring.main.banner-mode=off")
                        .registerShutdownHook(false)
                        .run(args);
                return new RunningApp(vault, context);
            });
        }

        @Override
        public void close() {
            running.values().forEach(app -> app.context.close());
            running.clear();
        }
    }
}
