package dev.vaultoidc.agent.sample;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** An unmodified embedded Tomcat application: {@code /hello} and {@code /health}, port printed. */
public final class TomcatApp {
    private TomcatApp() {}

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "hello", new HelloServlet());
        context.addServletMappingDecoded("/hello", "hello");
        context.addServletMappingDecoded("/health", "hello");
        tomcat.getConnector();
        tomcat.start();
        System.out.println("READY " + tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }
}
