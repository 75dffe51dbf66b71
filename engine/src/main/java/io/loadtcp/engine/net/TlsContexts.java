package io.loadtcp.engine.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import javax.net.ssl.SSLException;

/** Builds Netty TLS contexts from the files users have: a PEM certificate chain and a PEM (PKCS#8) key. */
public final class TlsContexts {
    private TlsContexts() {}

    /** A server context that terminates TLS with the given certificate chain and private key. */
    public static SslContext server(File certificateChainPem, File privateKeyPem) throws SSLException {
        try {
            return SslContextBuilder.forServer(certificateChainPem, privateKeyPem).build();
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot use certificate " + certificateChainPem + " with key " + privateKeyPem + ": "
                    + e.getMessage(), e);
        }
    }

    /** A client context; {@code insecure} accepts any server certificate (self-signed test servers). */
    public static SslContext client(boolean insecure) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (insecure) b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        return b.build();
    }
}
