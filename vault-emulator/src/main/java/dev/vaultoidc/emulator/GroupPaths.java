package dev.vaultoidc.emulator;

final class GroupPaths {
  private final IdentityStore store;

  GroupPaths(IdentityStore store) {
    this.store = store;
  }

  void register(Router r) {
  }
}
