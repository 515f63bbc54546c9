package dev.vaultoidc.emulator;

final class GroupAliasPaths {
  private final IdentityStore store;

  GroupAliasPaths(IdentityStore store) {
    this.store = store;
  }

  void register(Router r) {
  }
}
