package dev.vaultoidc.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * TLS settings for talking to Vault: which CAs to trust and, for mutual TLS, which client
 * certificate to present. Files are read when {@link Builder#build()} is called, so mistakes surface
 * at start-up. Immutable.
 *
 * <pre>{@code
 * VaultTls.builder()
 *     .caBundlePem(Path.of("/etc/vault/ca.pem"))                    // VAULT_CACERT
 *     .clientCertificatePem(Path.of("client.pem"), Path.of("client-key.pem")) // VAULT_CLIENT_CERT/KEY
 *     .build();
 * }</pre>
 *
 * <p>Without a CA bundle or trust store the platform's default trust applies.
 */
public final class VaultTls {

    private final HandshakeCertificates certificates;
    private final String description;

    private VaultTls(HandshakeCertificates certificates, String description) {
        this.certificates = certificates;
        this.description = description;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Applies these settings to an OkHttp builder. */
    public void applyTo(OkHttpClient.Builder builder) {
        builder.sslSocketFactory(certificates.sslSocketFactory(), certificates.trustManager());
    }

    @Override
    public String toString() {
        return "VaultTls[" + description + "]";
    }

    /** Builds {@link VaultTls}. */
    public static final class Builder {
        private final List<X509Certificate> trusted = new ArrayList<>();
        private HeldCertificate clientCertificate;
        private X509Certificate[] intermediates = new X509Certificate[0];
        private boolean platformTrust = true;
        private final List<String> description = new ArrayList<>();
        private GeneralSecurityException deferred;
        private IOException deferredIo;

        private Builder() {}

        /**
         * Trusts only the CA certificates in this PEM file (one or more {@code CERTIFICATE} blocks), not
         * the platform's CAs.
         */
        public Builder caBundlePem(Path pemFile) {
            Objects.requireNonNull(pemFile, "pemFile");
            try (InputStream in = Files.newInputStream(pemFile)) {
                addTrusted(CertificateFactory.getInstance("X.509").generateCertificates(in));
                description.add("ca=" + pemFile);
            } catch (IOException e) {
                deferredIo = e;
            } catch (GeneralSecurityException e) {
                deferred = e;
            }
            return this;
        }

        /**
         * Presents this client certificate (PEM, optionally followed by its intermediates) with this
         * private key (PEM, PKCS#8 {@code PRIVATE KEY}, RSA or EC). A PKCS#1 {@code RSA PRIVATE KEY} is
         * rejected with a hint: convert it once with {@code openssl pkcs8 -topk8 -nocrypt}.
         */
        public Builder clientCertificatePem(Path certificatePem, Path privateKeyPem) {
            Objects.requireNonNull(certificatePem, "certificatePem");
            Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            try {
                String certs = Files.readString(certificatePem, StandardCharsets.US_ASCII);
                String key = Files.readString(privateKeyPem, StandardCharsets.US_ASCII);
                if (key.contains("-----BEGIN RSA PRIVATE KEY-----") || key.contains("-----BEGIN EC PRIVATE KEY-----")) {
                    // OkHttp reads PKCS#8 only; converting is a one-liner, parsing ASN.1 here is not worth it.
                    throw new GeneralSecurityException(
                            "private key " + privateKeyPem + " is PKCS#1/SEC1; convert it with "
                                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
                }
                clientCertificate = HeldCertificate.decode(firstCertificateBlock(certs) + "\n" + key);
                List<X509Certificate> chain = new ArrayList<>();
                try (InputStream in = Files.newInputStream(certificatePem)) {
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        chain.add((X509Certificate) c);
                    }
                }
                intermediates = chain.subList(1, chain.size()).toArray(new X509Certificate[0]);
                description.add("clientCert=" + certificatePem);
            } catch (IOException e) {
                deferredIo = e;
            } catch (GeneralSecurityException e) {
                deferred = e;
            } catch (IllegalArgumentException e) {
                // HeldCertificate's message describes the PEM structure, never the key material.
                deferred = new GeneralSecurityException("cannot decode client certificate or key: " + e.getMessage());
            }
            return this;
        }

        /** Trusts only the certificate entries of this key store (e.g. a JKS or PKCS#12 trust store). */
        public Builder trustStore(KeyStore trustStore) {
            Objects.requireNonNull(trustStore, "trustStore");
            try {
                List<Certificate> certs = new ArrayList<>();
                for (String alias : Collections.list(trustStore.aliases())) {
                    if (trustStore.isCertificateEntry(alias)) {
                        certs.add(trustStore.getCertificate(alias));
                    }
                }
                addTrusted(certs);
                description.add("trustStore");
            } catch (GeneralSecurityException e) {
                deferred = e;
            }
            return this;
        }

        /** Presents the key entry {@code alias} (or the first key entry when null) of this key store. */
        public Builder keyStore(KeyStore keyStore, char[] keyPassword, String alias) {
            Objects.requireNonNull(keyStore, "keyStore");
            try {
                String chosen = alias;
                if (chosen == null) {
                    for (String a : Collections.list(keyStore.aliases())) {
                        if (keyStore.isKeyEntry(a)) {
                            chosen = a;
                            break;
                        }
                    }
                }
                Key key = chosen == null ? null : keyStore.getKey(chosen, keyPassword);
                Certificate[] chain = chosen == null ? null : keyStore.getCertificateChain(chosen);
                if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                    throw new GeneralSecurityException(
                            "key store has no private key entry" + (alias == null ? "" : " " + alias));
                }
                X509Certificate leaf = (X509Certificate) chain[0];
                clientCertificate = new HeldCertificate(new KeyPair(leaf.getPublicKey(), privateKey), leaf);
                List<X509Certificate> rest = new ArrayList<>();
                for (int i = 1; i < chain.length; i++) {
                    rest.add((X509Certificate) chain[i]);
                }
                intermediates = rest.toArray(new X509Certificate[0]);
                description.add("keyStore");
            } catch (GeneralSecurityException e) {
                deferred = e;
            }
            return this;
        }

        /** Loads a key store file ({@code PKCS12} or {@code JKS}) for {@link #keyStore} or {@link #trustStore}. */
        public static KeyStore loadKeyStore(Path file, String type, char[] password) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password);
                return ks;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException(
                        "cannot load key store " + file + ": " + e.getClass().getSimpleName(), e);
            }
        }

        /**
         * Builds the settings.
         *
         * @throws IllegalArgumentException if a file could not be read or parsed
         */
        public VaultTls build() {
            if (deferredIo != null) {
                throw new IllegalArgumentException("cannot read TLS file: " + deferredIo.getMessage(), deferredIo);
            }
            if (deferred != null) {
                throw new IllegalArgumentException("invalid TLS material: " + deferred.getMessage(), deferred);
            }
            HandshakeCertificates.Builder b = new HandshakeCertificates.Builder();
            if (platformTrust) {
                b.addPlatformTrustedCertificates();
            }
            trusted.forEach(b::addTrustedCertificate);
            if (clientCertificate != null) {
                b.heldCertificate(clientCertificate, intermediates);
            }
            return new VaultTls(b.build(), description.isEmpty() ? "platform trust" : String.join(", ", description));
        }

        private void addTrusted(Iterable<? extends Certificate> certs) throws GeneralSecurityException {
            int before = trusted.size();
            for (Certificate c : certs) {
                trusted.add((X509Certificate) c);
            }
            if (trusted.size() == before) {
                throw new GeneralSecurityException("no certificates found");
            }
            // A custom CA replaces the platform's: trusting every public CA for a private Vault is not wanted.
            platformTrust = false;
        }

        private static String firstCertificateBlock(String pem) {
            String end = "-----END CERTIFICATE-----";
            int i = pem.indexOf(end);
            return i < 0 ? pem : pem.substring(0, i + end.length());
        }
    }
}
