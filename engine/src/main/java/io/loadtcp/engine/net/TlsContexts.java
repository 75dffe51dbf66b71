package io.loadtcp.engine.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Builds the client {@link SslContext} for a {@link TlsSettings} once and shares it: building one parses keys and
 * loads trust stores, far too slow to do per connection. The first build of a process also loads the TLS stack
 * (~0.5 s), so event loops ask with {@link #whenReady}, which never blocks them.
 */
public final class TlsContexts {
    private static final List<String> ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    // Builds run on a thread of their own: not on an event loop, nor in the common pool (one thread on two cores).
    private static final Executor BUILD = task -> {
        Thread t = new Thread(task, "loadtcp-tls-context");
        t.setDaemon(true);
        t.start();
    };
    private final Map<TlsSettings, CompletableFuture<SslContext>> cache = new ConcurrentHashMap<>();
    private final Function<TlsSettings, SslContext> builder;

    /**
     * The process's contexts: a context for given settings is immutable and shareable, so the command line's check of
     * a script's TLS options and the run's sockets use the same one instead of building it twice.
     */
    private static final TlsContexts SHARED = new TlsContexts();

    public static TlsContexts shared() {
        return SHARED;
    }

    private TlsContexts() {
        this(TlsContexts::build);
    }

    /** With another way to build a context (tests: a slow one). */
    TlsContexts(Function<TlsSettings, SslContext> builder) {
        this.builder = builder;
    }

    /**
     * A client-side handler for a connection to {@code host}, naming it in SNI whenever it is a host name. The JDK
     * sends SNI only for names with a dot, so "localhost" or a bare service name would go without; Go's TLS, and
     * so k6 and xk6-tcp, send any name. TLS allows no IP address there.
     */
    public static SslHandler newClientHandler(SslContext context, ByteBufAllocator alloc, String host, int port) {
        SslHandler handler = context.newHandler(alloc, host, port);
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) return handler;
        SNIHostName name;
        try {
            name = new SNIHostName(host);
        } catch (IllegalArgumentException notAHostName) { // e.g. an underscore: the JDK would not send it either
            return handler;
        }
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of(name));
        engine.setSSLParameters(parameters);
        return handler;
    }

    /** The context for {@code settings}, built now if need be (blocking: for callers off the event loops). */
    public SslContext forSettings(TlsSettings settings) {
        try {
            return future(settings).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * Hands the context for {@code settings}, or why it cannot be built, to {@code then} on {@code loop}: at once when
     * it exists, else once a thread of its own has built it. The loop goes on serving its other sockets meanwhile.
     */
    public void whenReady(TlsSettings settings, EventLoop loop, BiConsumer<SslContext, Throwable> then) {
        CompletableFuture<SslContext> f = future(settings);
        if (f.isDone() && loop.inEventLoop()) {
            deliver(f, then);
        } else {
            f.whenComplete((context, error) -> loop.execute(() -> deliver(f, then)));
        }
    }

    private static void deliver(CompletableFuture<SslContext> done, BiConsumer<SslContext, Throwable> then) {
        SslContext context = null;
        Throwable error = null;
        try {
            context = done.join();
        } catch (CompletionException e) {
            error = e.getCause();
        }
        then.accept(context, error);
    }

    private CompletableFuture<SslContext> future(TlsSettings settings) {
        return cache.computeIfAbsent(settings, s -> CompletableFuture.supplyAsync(() -> builder.apply(s), BUILD));
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
            } else {
                // The certificate must name the host dialled, as in k6 (Go's crypto/tls) and browsers; Netty 4.1 only
                // checks the chain unless told to (handlers are created with the host for this).
                b.endpointIdentificationAlgorithm("HTTPS");
                if (s.caCertificatesPem() != null) {
                    b.trustManager(new ByteArrayInputStream(s.caCertificatesPem().getBytes(StandardCharsets.US_ASCII)));
                }
            }
            if (!s.clientCertificates().isEmpty()) b.keyManager(ClientCertificates.of(s.clientCertificates()));
            List<String> protocols = protocols(s.minVersion(), s.maxVersion());
            if (!protocols.isEmpty()) b.protocols(protocols);
            if (!s.cipherSuites().isEmpty()) b.ciphers(s.cipherSuites());
            SslContext context = b.build();
            // The JDK checks cipher suite names only when an engine is made: make one now, so that a name it does not
            // know fails the options check instead of every connect of the run.
            if (!s.cipherSuites().isEmpty()) ReferenceCountUtil.release(context.newEngine(ByteBufAllocator.DEFAULT));
            return context;
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
