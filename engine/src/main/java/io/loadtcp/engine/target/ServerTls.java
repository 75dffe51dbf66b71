package io.loadtcp.engine.target;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * How a {@link TargetServer} speaks TLS: the identity it presents and, for mutual TLS, the CA certificates a
 * client certificate must chain to. Immutable; {@link #requireClientCert} returns a new value.
 */
public final class ServerTls {
    private final TlsMaterial identity;
    private final List<X509Certificate> clientCas;

    private ServerTls(TlsMaterial identity, List<X509Certificate> clientCas) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clientCas = List.copyOf(clientCas);
    }

    /** TLS with the given key and certificate chain; clients are not asked for a certificate. */
    public static ServerTls of(TlsMaterial identity) {
        return new ServerTls(identity, List.of());
    }

    /** TLS with a freshly generated self-signed certificate for localhost / 127.0.0.1 / ::1. */
    public static ServerTls selfSigned() {
        return of(TlsMaterial.selfSigned());
    }

    /** The same, but the handshake fails unless the client presents a certificate issued by one of {@code cas}. */
    public ServerTls requireClientCert(List<X509Certificate> cas) {
        if (cas.isEmpty()) throw new IllegalArgumentException("requireClientCert needs at least one CA certificate");
        return new ServerTls(identity, cas);
    }

    /** {@link #requireClientCert(List)} with the CA certificates read from a PEM file. */
    public ServerTls requireClientCert(Path caCertPem) throws IOException {
        return requireClientCert(TlsMaterial.readCertificates(caCertPem));
    }

    /** {@link #requireClientCert(List)} trusting the leaf certificate of {@code ca} (e.g. {@link TlsMaterial#newCa}). */
    public ServerTls requireClientCert(TlsMaterial ca) {
        return requireClientCert(List.of(ca.certificate()));
    }

    public TlsMaterial identity() {
        return identity;
    }

    public boolean clientCertRequired() {
        return !clientCas.isEmpty();
    }

    /** A Netty server context over the JDK's TLS implementation (TLS 1.3 and 1.2). */
    SslContext newContext() throws SSLException {
        SslContextBuilder builder = SslContextBuilder
                .forServer(identity.privateKey(), identity.chain().toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK);
        if (clientCertRequired()) {
            builder.trustManager(clientCas.toArray(X509Certificate[]::new)).clientAuth(ClientAuth.REQUIRE);
        }
        return builder.build();
    }
}
