package dev.vaultoidc.emulator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Issue 17 fuzzing: the emulator's HTTP request handling, over a real socket. Whatever the method, path,
 * headers and body, the emulator answers with an HTTP status line, never a 500 (an uncaught exception), and
 * keeps serving. Regression mode runs the committed seeds; {@code JAZZER_FUZZ=1} fuzzes.
 */
class HttpRequestFuzzTest {
  private static final VaultEmulator VAULT = VaultEmulator.builder().rootToken("root").build().start();
  private static final String[] PATHS = {
    "/v1/identity/entity", "/v1/identity/entity/name/", "/v1/identity/entity/id/", "/v1/identity/entity-alias",
    "/v1/identity/group", "/v1/identity/group-alias", "/v1/identity/lookup/entity", "/v1/identity/oidc/key/",
    "/v1/identity/oidc/role/", "/v1/identity/oidc/token/", "/v1/identity/oidc/introspect",
    "/v1/identity/oidc/.well-known/keys", "/v1/identity/oidc/.well-known/openid-configuration",
    "/v1/auth/token/lookup-self", "/v1/auth/token/create", "/v1/sys/auth/", "/v1/sys/health",
    "/v1/auth/approle/login", "/v1/identity/oidc/provider/", "/v1/identity/entity/merge", "/"
  };
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "LIST", "PATCH", "HEAD", "OPTIONS"};

  @FuzzTest(maxDuration = "10m")
  void request(FuzzedDataProvider data) throws IOException {
    String method = data.consumeBoolean() ? data.pickValue(METHODS) : token(data.consumeString(8));
    String path = data.pickValue(PATHS) + pathSafe(data.consumeString(40));
    String query = data.consumeBoolean() ? "?" + pathSafe(data.consumeString(20)) : "";
    boolean auth = data.consumeBoolean();
    String extraHeader = headerSafe(data.consumeString(40));
    byte[] body = data.consumeRemainingAsBytes();
    if (method.isEmpty()) {
      method = "GET";
    }
    URI base = URI.create(VAULT.address());
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder();
      req.append(method).append(' ').append(path).append(query).append(" HTTP/1.1\r\n");
      req.append("Host: ").append(base.getHost()).append("\r\n");
      if (auth) {
        req.append("X-Vault-Token: root\r\n");
      }
      if (!extraHeader.isEmpty()) {
        req.append("X-Fuzz: ").append(extraHeader).append("\r\n");
      }
      req.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(12);
      String status = new String(head, StandardCharsets.ISO_8859_1);
      if (head.length == 0) {
        return; // the JDK server may drop a request it cannot parse; not the emulator's handling
      }
      if (!status.startsWith("HTTP/1.1 ")) {
        throw new AssertionError("not an HTTP answer: " + status);
      }
      if (status.startsWith("HTTP/1.1 500")) {
        throw new AssertionError("500 for " + method + " " + path + ": " + new String(in.readNBytes(2000),
            StandardCharsets.UTF_8));
      }
    }
  }

  private static String token(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String pathSafe(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c > 0x20 && c < 0x7f && c != '#' && c != '?') {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", (int) (c & 0xff)));
      }
    }
    return b.toString();
  }

  private static String headerSafe(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      }
    }
    return b.toString().strip();
  }
}
