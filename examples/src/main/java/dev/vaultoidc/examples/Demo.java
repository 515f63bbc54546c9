package dev.vaultoidc.examples;

/** The main demo (README command 1). It lands with issue 7; until then it says so. */
public final class Demo {

  private Demo() {}

  /**
   * Entry point.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("""
        vault-oidc demo: not built yet.
        When it lands it will start the embedded Vault emulator, provision an entity, a group,
        an AppRole, a named key and a role, protect a Spring Boot service, call it with an ID token
        fetched by a workload, show rejected requests with their reasons, rotate the key and keep
        calling successfully.""");
  }
}
