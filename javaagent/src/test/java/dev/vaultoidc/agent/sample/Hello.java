package dev.vaultoidc.agent.sample;

/** The smallest application: it says hello, so a test can see whether the JVM got that far. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("HELLO");
    }
}
