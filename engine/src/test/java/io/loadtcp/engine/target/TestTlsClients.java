package io.loadtcp.engine.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Plain JDK TLS clients for tests: trust exactly the given certificates, optionally present a client certificate. */
final class TestTlsClients {
    private TestTlsClients() {}

    static SSLContext context(List<X509Certificate> trusted, TlsMaterial clientIdentity) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.size(); i++) trust.setCertificateEntry("trusted-" + i, trusted.get(i));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientIdentity != null) {
            char[] password = "test".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientIdentity.privateKey(), password, clientIdentity.chain().toArray(X509Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** Connects to {@code address}, then handshakes checking the server certificate is valid for {@code serverName}. */
    static SSLSocket connect(SSLContext context, InetSocketAddress address, String serverName) throws IOException {
        Socket plain = TargetServerTest.connect(address);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, address.getPort(), true);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // hostname / IP checked against the certificate's SANs
        socket.setSSLParameters(params);
        socket.startHandshake();
        return socket;
    }
}
