package io.loadtcp.engine.net;

import java.util.List;

/**
 * Client TLS settings from the test's options ({@code insecureSkipTLSVerify}, {@code tlsAuth}, {@code tlsVersion},
 * {@code tlsCipherSuites}). Certificates and keys are PEM text. Versions are "tls1.0" … "tls1.3" (k6's names).
 */
public record TlsSettings(boolean insecureSkipVerify, List<ClientCertificate> clientCertificates,
                          String minVersion, String maxVersion, List<String> cipherSuites, String caCertificatesPem) {
    public static final TlsSettings DEFAULT = new TlsSettings(false, List.of(), null, null, List.of(), null);

    /** A client certificate (chain) and its private key, both PEM, offered to servers that ask for one. */
    public record ClientCertificate(String certPem, String keyPem, List<String> domains) {}

    public TlsSettings {
        clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
    }

    /** Whether any setting can be invalid (certificates, versions, cipher suites, CA): only then is there anything to check. */
    public boolean hasValuesToCheck() {
        return !clientCertificates.isEmpty() || minVersion != null || maxVersion != null || !cipherSuites.isEmpty()
                || caCertificatesPem != null;
    }
}
