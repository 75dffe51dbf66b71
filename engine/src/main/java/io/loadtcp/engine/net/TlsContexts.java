package io.loadtcp.engine.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * Builds the client {@link SslContext} for a {@link TlsSettings} once and shares it: building one parses keys and
 * loads trust stores, far too slow to do per connection.
 */
public final class TlsContexts {
    private static final List<String> ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private final Map<TlsSettings, SslContext> cache = new ConcurrentHashMap<>();

    public SslContext forSettings(TlsSettings settings) {
        return cache.computeIfAbsent(settings, TlsContexts::build);
    }

    /** A server context that terminates TLS with the given PEM certificate chain and PEM (PKCS#8) key. */
    public static SslContext server(java.io.File certificateChainPem, java.io.File privateKeyPem) throws SSLException {
        try {
            return SslContextBuilder.forServer(certificateChainPem, privateKeyPem).build();
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot use certificate " + certificateChainPem + " with key " + privateKeyPem + ": "
                    + e.getMessage(), e);
        }
    }

    /** A client context; {@code insecure} accepts any server certificate (self-signed test servers). */
    public static SslContext client(boolean insecure) throws SSLException {
        try {
            return build(new TlsSettings(insecure, null, null, null, null, null));
        } catch (IllegalArgumentException e) {
            throw new SSLException(e.getMessage(), e);
        }
    }

    private static SslContext build(TlsSettings s) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (s.insecureSkipVerify()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (s.caCertificatesPem() != null) {
                b.trustManager(new ByteArrayInputStream(s.caCertificatesPem().getBytes(StandardCharsets.US_ASCII)));
            }
            if (!s.clientCertificates().isEmpty()) {
                TlsSettings.ClientCertificate c = s.clientCertificates().get(0);
                b.keyManager(new ByteArrayInputStream(c.certPem().getBytes(StandardCharsets.US_ASCII)),
                        new ByteArrayInputStream(c.keyPem().getBytes(StandardCharsets.US_ASCII)));
            }
            List<String> protocols = protocols(s.minVersion(), s.maxVersion());
            if (!protocols.isEmpty()) b.protocols(protocols);
            if (!s.cipherSuites().isEmpty()) b.ciphers(s.cipherSuites());
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid TLS settings: " + e.getMessage(), e);
        }
    }

    /** The JDK protocol names between k6's {@code tlsVersion.min} and {@code max} (inclusive); empty = JDK default. */
    static List<String> protocols(String min, String max) {
        if (min == null && max == null) return List.of();
        int lo = min == null ? 0 : index(min);
        int hi = max == null ? ORDER.size() - 1 : index(max);
        if (lo > hi) throw new IllegalArgumentException("tlsVersion min " + min + " is above max " + max);
        return new ArrayList<>(ORDER.subList(lo, hi + 1));
    }

    private static int index(String k6Name) {
        String n = k6Name.toLowerCase(Locale.ROOT).replace("v", "").replace(" ", "");
        return switch (n) {
            case "tls1.0", "tls1" -> 0;
            case "tls1.1" -> 1;
            case "tls1.2" -> 2;
            case "tls1.3" -> 3;
            default -> throw new IllegalArgumentException("unknown TLS version '" + k6Name
                    + "' (use tls1.0, tls1.1, tls1.2 or tls1.3)");
        };
    }
}
