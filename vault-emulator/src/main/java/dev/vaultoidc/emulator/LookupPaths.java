package dev.vaultoidc.emulator;

final class LookupPaths {
  private final IdentityStore store;

  LookupPaths(IdentityStore store) {
    this.store = store;
  }

  void register(Router r) {
  }
}
