/**
 * One test body, two servers: {@link dev.vaultoidc.emulator.junit.BothServers} runs a test against
 * the emulator and against a real OpenBao dev server, handing it a
 * {@link dev.vaultoidc.emulator.junit.TestServer}.
 *
 * <p>Needs {@code dev.vaultoidc:openbao-junit} and JUnit Jupiter on the test classpath (both are
 * optional dependencies of the emulator). See {@code docs/openbao.md}.
 */
package dev.vaultoidc.emulator.junit;
