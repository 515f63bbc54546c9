package dev.vaultoidc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR in a standalone Tomcat 10.1 (the distribution, started by its own Bootstrap with JULI logging), with the
 * agent added to the JVM as an operator would in setenv.sh. Here the servlet API lives in Tomcat's common class
 * loader and the application in its webapp loader, neither of which the agent's own loader can see: the case
 * the helper class loader exists for.
 */
class StandaloneTomcatTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void protectsAWarInAStandaloneTomcat(@TempDir Path base) throws Exception {
        Path home;
        try (var dirs = Files.list(Path.of(System.getProperty("vault.oidc.test.libs", "target/libs"), "tomcat-dist"))) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("apache-tomcat-"))
                    .findFirst()
                    .orElseThrow();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = Files.createDirectories(base.resolve("conf"));
        for (String f : List.of("web.xml", "logging.properties", "catalina.properties", "context.xml")) {
            Files.copy(home.resolve("conf").resolve(f), conf.resolve(f));
        }
        Files.writeString(conf.resolve("server.xml"), """
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port));
        for (String d : List.of("logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(d));
        }
        writeWar(base.resolve("webapps/app.war"));

        try (VaultEmulator emulator = VaultEmulator.builder().build().start()) {
            VaultFixture fixture = new VaultFixture(emulator);
            String options = "address=" + emulator.address() + ",audiences=" + fixture.apiClientId
                    + ",agent.inbound.required-roles=admins,agent.inbound.excluded-paths=/health";
            String bin = home.resolve("bin").toString();
            List<String> jvm = List.of(
                    "-cp",
                    bin + "/bootstrap.jar:" + bin + "/tomcat-juli.jar",
                    "-Dcatalina.home=" + home,
                    "-Dcatalina.base=" + base,
                    "-Djava.io.tmpdir=" + base.resolve("temp"),
                    "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                    "-Djava.util.logging.config.file=" + conf.resolve("logging.properties"));
            try (ChildJvm tomcat =
                    ChildJvm.start(options, n -> false, jvm, "org.apache.catalina.startup.Bootstrap", "start")) {
                tomcat.awaitContaining("Server startup in", Duration.ofSeconds(90));
                String app = "http://127.0.0.1:" + port + "/app";

                HttpResponse<String> none = get(app + "/hello", null);
                assertThat(none.statusCode()).as(tomcat.output()).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vault-oidc\"");
                assertThat(get(app + "/hello", "not.a.token")
                                .headers()
                                .firstValue("WWW-Authenticate")
                                .orElseThrow())
                        .contains("error=\"invalid_token\"");
                HttpResponse<String> ok = get(app + "/hello", fixture.memberToken());
                assertThat(ok.statusCode()).as(tomcat.output()).isEqualTo(200);
                assertThat(ok.body())
                        .isEqualTo("user=" + fixture.memberEntityId
                                + " admin=true auth=Bearer token-attribute=true path=/hello");
                assertThat(get(app + "/hello", fixture.outsiderToken()).statusCode())
                        .isEqualTo(403);
                HttpResponse<String> health = get(app + "/health", null);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).startsWith("user=- ");
                System.out.println("---- standalone Tomcat on " + ChildJvm.java() + "\n" + tomcat.output());
            }
        }
    }

    /** A WAR holding only the sample servlet and a web.xml: no vault-oidc class in it. */
    static void writeWar(Path war) throws IOException {
        Path servlet = Path.of(HelloServletLocation.get());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write("""
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                      <servlet><servlet-name>hello</servlet-name>
                        <servlet-class>dev.vaultoidc.agent.sample.HelloServlet</servlet-class></servlet>
                      <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern>
                        <url-pattern>/health</url-pattern></servlet-mapping>
                    </web-app>
                    """.getBytes());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/dev/vaultoidc/agent/sample/HelloServlet.class"));
            try (OutputStream out = zip) {
                Files.copy(servlet, out);
                zip.closeEntry();
                zip.finish();
            }
        }
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Where the compiled sample servlet is. */
    private static final class HelloServletLocation {
        static String get() {
            try {
                return Path.of(dev.vaultoidc.agent.sample.HelloServlet.class
                                .getResource("HelloServlet.class")
                                .toURI())
                        .toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
