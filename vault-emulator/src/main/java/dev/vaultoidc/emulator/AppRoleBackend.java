package dev.vaultoidc.emulator;

final class AppRoleBackend {
  private final VaultCore core;

  AppRoleBackend(VaultCore core) {
    this.core = core;
  }

  EmulatorResponse dispatch(EmulatorRequest request, AuthMounts.Mount mount, String relative) {
    return Router.unsupportedPath();
  }

  void unmounted(AuthMounts.Mount mount) {
  }
}
