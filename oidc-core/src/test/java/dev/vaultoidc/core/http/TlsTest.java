package dev.vaultoidc.core.http;

import static dev.vaultoidc.core.http.Responses.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS with a CA and certificates generated here, written to PEM files. */
class TlsTest {

    static final HeldCertificate CA = new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("test-vault-ca")
            .build();
    static final HeldCertificate SERVER_CERT = new HeldCertificate.Builder()
            .commonName("vault")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .signedBy(CA)
            .build();
    static final HeldCertificate CLIENT_CERT = new HeldCertificate.Builder()
            .commonName("vault-client")
            .signedBy(CA)
            .build();

    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    Path caPem;
    Path clientPem;
    Path clientKeyPem;

    @BeforeEach
    void startHttpsServerRequiringClientCertificates() throws Exception {
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder()
                .heldCertificate(SERVER_CERT)
                .addTrustedCertificate(CA.certificate())
                .build();
        server.useHttps(serverTls.sslSocketFactory());
        server.requireClientAuth();
        server.start();
        caPem = Files.writeString(dir.resolve("ca.pem"), CA.certificatePem());
        clientPem = Files.writeString(dir.resolve("client.pem"), CLIENT_CERT.certificatePem());
        clientKeyPem = Files.writeString(dir.resolve("client-key.pem"), CLIENT_CERT.privateKeyPkcs8Pem());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private VaultClient client(VaultTls tls) {
        return VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.token("t"))
                .tls(tls)
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    @Test
    void mutualTlsWithPemCaBundleAndClientCertificate() throws Exception {
        server.enqueue(envelope("{\"ok\":true}"));

        VaultResponse r = client(VaultTls.builder()
                        .caBundlePem(caPem)
                        .clientCertificatePem(clientPem, clientKeyPem)
                        .build())
                .logical()
                .read("sys/health")
                .orElseThrow();

        assertThat(r.data().get("ok").asBoolean()).isTrue();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().scheme()).isEqualTo("https");
        assertThat(request.getHandshake().peerPrincipal().getName()).contains("CN=vault-client");
    }

    @Test
    void rsaClientKeyAndACaBundleWithSeveralCertificates() throws Exception {
        HeldCertificate otherCa = new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("other")
                .build();
        HeldCertificate rsaClient = new HeldCertificate.Builder()
                .rsa2048()
                .commonName("rsa-client")
                .signedBy(CA)
                .build();
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), otherCa.certificatePem() + CA.certificatePem());
        Path cert = Files.writeString(dir.resolve("rsa.pem"), rsaClient.certificatePem());
        Path key = Files.writeString(dir.resolve("rsa-key.pem"), rsaClient.privateKeyPkcs8Pem());
        Path pkcs1Key = Files.writeString(dir.resolve("rsa-key-pkcs1.pem"), rsaClient.privateKeyPkcs1Pem());
        server.enqueue(envelope("{}"));

        assertThatThrownBy(() ->
                        VaultTls.builder().clientCertificatePem(cert, pkcs1Key).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8");

        client(VaultTls.builder()
                        .caBundlePem(bundle)
                        .clientCertificatePem(cert, key)
                        .build())
                .logical()
                .read("a");

        assertThat(server.takeRequest().getHandshake().peerPrincipal().getName())
                .contains("CN=rsa-client");
    }

    @Test
    void keyStoresWorkLikePemFiles() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", CLIENT_CERT.keyPair().getPrivate(), password, new Certificate[] {
            CLIENT_CERT.certificate(), CA.certificate()
        });
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CA.certificate());
        Path trustFile = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(trustFile)) {
            trust.store(out, password);
        }
        server.enqueue(envelope("{}"));

        client(VaultTls.builder()
                        .trustStore(VaultTls.Builder.loadKeyStore(trustFile, "PKCS12", password))
                        .keyStore(keys, password, null)
                        .build())
                .logical()
                .read("a");

        assertThat(server.takeRequest().getHandshake().peerPrincipal().getName())
                .contains("CN=vault-client");
    }

    @Test
    void serverSignedByAnUnknownCaIsATlsFailure() {
        // Platform trust only: the test CA is unknown, so the handshake must fail and nothing is sent.
        VaultException e = catchThrowableOfType(
                VaultException.class,
                () -> client(VaultTls.builder()
                                .clientCertificatePem(clientPem, clientKeyPem)
                                .build())
                        .logical()
                        .read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.TLS_FAILURE);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void missingClientCertificateIsRefused() {
        server.enqueue(envelope("{}"));

        VaultException e = catchThrowableOfType(
                VaultException.class,
                () -> client(VaultTls.builder().caBundlePem(caPem).build())
                        .logical()
                        .read("a"));

        assertThat(e).isNotNull();
        // TLS 1.3 reports the server's refusal after the client's handshake finished: it can surface
        // as an alert (TLS_FAILURE) or as the connection being closed (CONNECTION_FAILURE).
        assertThat(e.reason()).isIn(VaultErrorReason.TLS_FAILURE, VaultErrorReason.CONNECTION_FAILURE);
        assertThat(e.status()).isZero();
    }

    @Test
    void unreadableOrInvalidPemFailsAtBuildWithoutQuotingKeyMaterial() throws Exception {
        Path garbage = Files.writeString(
                dir.resolve("garbage.pem"),
                "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> VaultTls.builder()
                        .caBundlePem(dir.resolve("absent.pem"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VaultTls.builder().caBundlePem(garbage).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VaultTls.builder()
                        .clientCertificatePem(clientPem, garbage)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0LWtleQ"));
    }
}
