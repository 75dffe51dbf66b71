package io.loadtcp.engine.target;

import io.loadtcp.engine.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A built-in TCP target to point load at: {@link Mode#ECHO echo} writes back every byte it reads, {@link Mode#DISCARD
 * discard} reads and drops. Optionally TLS, optionally demanding client certificates ({@link ServerTls}).
 * One acceptor thread, one worker event loop per core by default. Counts what it served.
 *
 * <pre>{@code
 * try (TargetServer echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
 *     connectTo(echo.address());
 * }
 * }</pre>
 */
public final class TargetServer implements AutoCloseable {
    /** What the server does with the bytes it reads. */
    public enum Mode { ECHO, DISCARD }

    /** Pipeline handler names, in pipeline order. */
    public static final String TLS_HANDLER = "tls";
    public static final String TARGET_HANDLER = "target";

    private final Mode mode;
    private final ServerTls tls;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ChannelGroup children = new DefaultChannelGroup("loadtcp-target", GlobalEventExecutor.INSTANCE);
    private final TargetCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private TargetServer(Builder b) throws IOException {
        this.mode = b.mode;
        this.tls = b.tls;
        this.counters = new TargetCounters();
        SslContext sslContext = tls == null ? null : tls.newContext();
        this.boss = Transports.newGroup(1, "loadtcp-target-accept");
        this.workers = Transports.newGroup(b.workerThreads, "loadtcp-target");
        ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Initializer(mode, sslContext, counters, children))
                .bind(b.listen)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroups();
            throw bindFailure(bound.cause());
        }
        this.serverChannel = bound.channel();
    }

    /** Starts a plain (no TLS) server with default settings. */
    public static TargetServer start(Mode mode, InetSocketAddress listen) throws IOException {
        return builder(mode).listen(listen).start();
    }

    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    /** The address actually bound: with port 0 asked for, this holds the port the system chose. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public Mode mode() {
        return mode;
    }

    public boolean isTls() {
        return tls != null;
    }

    /** Connections accepted since start. */
    public long connections() {
        return counters.connections.sum();
    }

    /** Connections open now. */
    public int openConnections() {
        return children.size();
    }

    public long bytesReceived() {
        return counters.bytesReceived.sum();
    }

    /** Bytes written back to clients (echo); always 0 for discard. */
    public long bytesSent() {
        return counters.bytesSent.sum();
    }

    /** TLS handshakes that failed, e.g. a client without the required certificate or not trusting ours. */
    public long tlsHandshakeFailures() {
        return counters.tlsHandshakeFailures.sum();
    }

    /** Blocks until {@link #close()} has finished (called from another thread or a shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /** Stops accepting, closes every connection, stops the threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitClosedUninterruptibly();
            return;
        }
        try {
            serverChannel.close().awaitUninterruptibly();
            children.close().awaitUninterruptibly();
            shutdownGroups();
        } finally {
            closedLatch.countDown();
        }
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                closedLatch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Normalizes NIO's BindException and epoll's "bind(..) failed: ..." to a BindException saying why. */
    private static IOException bindFailure(Throwable cause) {
        if (cause instanceof BindException be) return be;
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        int at = why.indexOf("failed: ");
        BindException be = new BindException(at >= 0 ? why.substring(at + "failed: ".length()) : why);
        be.initCause(cause);
        return be;
    }

    /** Sets up each accepted connection: TLS (if any) first, then the echo or discard handler. */
    private static final class Initializer extends ChannelInitializer<SocketChannel> {
        private final Mode mode;
        private final SslContext sslContext;
        private final TargetCounters counters;
        private final ChannelGroup children;

        Initializer(Mode mode, SslContext sslContext, TargetCounters counters, ChannelGroup children) {
            this.mode = mode;
            this.sslContext = sslContext;
            this.counters = counters;
            this.children = children;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            counters.connections.increment();
            children.add(ch);
            ChannelPipeline p = ch.pipeline();
            if (sslContext != null) p.addLast(TLS_HANDLER, sslContext.newHandler(ch.alloc()));
            p.addLast(TARGET_HANDLER, mode == Mode.ECHO ? new EchoHandler(counters) : new DiscardHandler(counters));
        }
    }

    /** Options for {@link TargetServer}; {@link #start()} binds. */
    public static final class Builder {
        private final Mode mode;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
        private ServerTls tls;
        private int workerThreads = Transports.defaultLoopCount();

        private Builder(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
        }

        /** Where to listen; default 127.0.0.1 on an ephemeral port. */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Speak TLS; {@code null} for plain TCP (the default). */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /** Worker event loops; default one per core. */
        public Builder workerThreads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("workerThreads must be at least 1, was " + threads);
            this.workerThreads = threads;
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws BindException when the address cannot be bound; its message says why ("Address already in use")
         * @throws IOException when the TLS context cannot be built
         */
        public TargetServer start() throws IOException {
            return new TargetServer(this);
        }
    }
}
