package io.loadtcp.engine.net;

import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.MetricSink;
import io.loadtcp.engine.metrics.Series;
import io.loadtcp.engine.metrics.Tags;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The TCP (or TLS) client socket a virtual user drives. It lives on one event loop: every method must be called
 * there and every {@link SocketListener} event is delivered there, so it needs no locks. It records the TCP
 * metrics of REFERENCE.md §2, each tagged with the socket's tags, the connect tags, proto, host and port.
 */
public final class ClientSocket {
    // Writes up to this size reuse the socket's buffer; a larger one is not kept for the socket's life.
    private static final int REUSED_BUFFER_MAX = 16 * 1024;

    private final EventLoop loop;
    private final MetricSink sink;
    private final SocketEnvironment env;
    private final Tags socketTags;
    private final SocketListener listener;

    private SocketState state = SocketState.DISCONNECTED;
    private Tags tags;
    private boolean tls;
    private Channel channel;
    private Completion pendingConnect;
    private ScheduledFuture<?> connectDeadline;
    private long idleTimeoutMillis;
    private long openedAtNanos;
    private long bytesWritten;
    private long bytesRead;
    private boolean closedFired;
    // Bound once the connect tags are known: reads and writes then record without looking their series up.
    private Series reads;
    private Series writes;
    private Series dataSent;
    private Series dataReceived;
    private ByteBuf writeBuffer; // see allocate()

    public ClientSocket(EventLoop loop, MetricSink sink, SocketEnvironment env, Tags socketTags, SocketListener listener) {
        this.loop = loop;
        this.sink = sink;
        this.env = env;
        this.socketTags = socketTags;
        this.tags = socketTags;
        this.listener = listener;
    }

    /**
     * Resolves, connects and (with TLS) handshakes; {@code done} is told the outcome after the events fired. A failed
     * connect fires {@code error} (never {@code close}: no {@code connect} came first) and leaves the socket
     * disconnected, free to connect again, as in xk6-tcp.
     */
    public void connect(ConnectRequest request, Completion done) {
        if (state != SocketState.DISCONNECTED) {
            rejectConnect("connect: the socket is " + state.label() + " (a socket connects again only after a failed connect)", done);
            return;
        }
        state = SocketState.OPENING;
        pendingConnect = done;
        tls = request.tls();
        tags = socketTags.with(request.tags()).with("proto", request.tls() ? "tls" : "tcp")
                .with("host", request.host()).with("port", Integer.toString(request.port()));
        reads = sink.series(BuiltinMetrics.TCP_READS, tags);
        writes = sink.series(BuiltinMetrics.TCP_WRITES, tags);
        dataSent = sink.series(BuiltinMetrics.DATA_SENT, tags);
        dataReceived = sink.series(BuiltinMetrics.DATA_RECEIVED, tags);
        long timeout = request.effectiveTimeoutMillis();
        connectDeadline = loop.schedule(() -> failConnect("dial " + request.host() + ":" + request.port()
                + ": timed out after " + timeout + "ms"), timeout, TimeUnit.MILLISECONDS);
        long resolveStart = System.nanoTime();
        boolean lookup = env.resolver().needsLookup(request.host());
        env.resolver().resolve(request.host(), loop, (address, error) -> {
            if (state != SocketState.OPENING) return;
            if (lookup) sink.addNanos(BuiltinMetrics.TCP_SOCKET_RESOLVING, tags, System.nanoTime() - resolveStart);
            if (error != null) failConnect(error);
            else dial(address, request);
        });
    }

    private void dial(InetAddress address, ConnectRequest request) {
        if (!request.tls()) {
            dial(address, request, null);
            return;
        }
        // The run's TLS context is built once, off the loop, at the first TLS connect (~0.5 s in a cold process).
        env.tlsContexts().whenReady(env.tls(), loop, (context, error) -> {
            if (state != SocketState.OPENING) return;
            SslHandler ssl = null;
            Throwable failure = error;
            if (failure == null) {
                try {
                    ssl = TlsContexts.newClientHandler(context, io.netty.buffer.ByteBufAllocator.DEFAULT, request.host(), request.port());
                } catch (RuntimeException e) { // e.g. cipher suites this JDK does not know: fail now, not at the deadline
                    failure = e;
                }
            }
            if (ssl == null) failConnect("TLS set-up for " + request.host() + ":" + request.port() + ": " + describe(failure));
            else dial(address, request, ssl);
        });
    }

    private void dial(InetAddress address, ConnectRequest request, SslHandler ssl) {
        // Timed from here: building the TLS context is local set-up, not connecting; it would have been the max of
        // tcp_socket_connecting.
        long start = System.nanoTime();
        if (ssl != null) ssl.setHandshakeTimeoutMillis(0); // the connect deadline covers the handshake
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(Transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, request.effectiveTimeoutMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Without TLS the payload is what crosses the wire, and the socket's own handler and
                        // write listener count it: one pipeline stage and one listener fewer per message.
                        if (ssl != null) {
                            ch.pipeline().addLast(PipelineNames.WIRE_COUNTER, new WireByteCounter(dataSent, dataReceived));
                            ch.pipeline().addLast(PipelineNames.TLS, ssl);
                        }
                        ch.pipeline().addLast(PipelineNames.SOCKET, new Handler());
                    }
                });
        ChannelFuture f = bootstrap.connect(new InetSocketAddress(address, request.port()));
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                failConnect("dial " + request.host() + ":" + request.port() + ": " + describe(done.cause()));
            } else if (ssl == null) {
                opened(start);
            } else {
                ssl.handshakeFuture().addListener(hs -> {
                    if (hs.isSuccess()) opened(start);
                    else failConnect("TLS handshake with " + request.host() + ":" + request.port() + ": "
                            + describe(hs.cause()));
                });
            }
        });
    }

    private void opened(long connectStart) {
        if (state != SocketState.OPENING) return;
        cancelDeadline();
        state = SocketState.OPEN;
        openedAtNanos = System.nanoTime();
        sink.addNanos(BuiltinMetrics.TCP_SOCKET_CONNECTING, tags, openedAtNanos - connectStart);
        sink.increment(BuiltinMetrics.TCP_SOCKETS, tags);
        if (idleTimeoutMillis > 0) installIdleHandler();
        Completion done = pendingConnect;
        pendingConnect = null;
        listener.connected();
        done.succeeded();
    }

    private void failConnect(String message) {
        if (state != SocketState.OPENING) return;
        cancelDeadline();
        state = SocketState.DISCONNECTED;
        if (channel != null) {
            channel.close(); // its late events are ignored: see Handler
            channel = null;
        }
        Completion done = pendingConnect;
        pendingConnect = null;
        rejectConnect(message, done); // reported as a connect refused before it started
    }

    /**
     * A connect refused before it started (an invalid port or host, or a socket that is not disconnected): counted in
     * tcp_errors and reported by an {@code error} event and {@code done}, like any failed connect.
     */
    public void rejectConnect(String message, Completion done) {
        sink.increment(BuiltinMetrics.TCP_ERRORS, tags);
        listener.error("connect", message);
        done.failed(message);
    }

    /**
     * An empty buffer of at least {@code bytes} for {@link #write}: while open, the socket's own direct buffer,
     * reused for every write once the previous one has left it (the kernel usually takes the bytes inside the
     * write call), so a message costs no allocation; a fresh pooled one while a write still holds it or for a
     * large message; a heap buffer when the socket is not open (the write will fail).
     */
    public ByteBuf allocate(int bytes) {
        if (state != SocketState.OPEN) return Unpooled.buffer(bytes);
        if (bytes > REUSED_BUFFER_MAX) return channel.alloc().directBuffer(bytes);
        ByteBuf reused = writeBuffer;
        if (reused != null && reused.refCnt() == 1 && reused.capacity() >= bytes) return reused.clear().retain();
        if (reused != null) reused.release(); // a write still holds it and frees it when done
        writeBuffer = reused = channel.alloc().directBuffer(Math.max(bytes, 256));
        return reused.retain();
    }

    /** Sends {@code data} (this method takes ownership of the buffer); {@code done} learns when it is written. */
    public void write(ByteBuf data, Tags writeTags, Completion done) {
        if (state != SocketState.OPEN) {
            data.release();
            String message = "write: socket is " + state.label();
            rejectWrite(message, writeTags);
            done.failed(message);
            return;
        }
        Tags t = tagsOfWrite(writeTags);
        if (writeTags.isEmpty()) writes.increment();
        else sink.increment(BuiltinMetrics.TCP_WRITES, t);
        int length = data.readableBytes();
        data.retain(); // kept until the write settles, to see how much of it left before a failure
        ChannelFuture written = channel.writeAndFlush(data);
        // Usually the kernel took the bytes inside the call: settle at once, without a listener.
        if (written.isDone()) writeSettled(written, data, length, t, done);
        else written.addListener(f -> writeSettled(written, data, length, t, done));
    }

    /**
     * A write refused before any byte could leave (the socket is not open, the data cannot be encoded): it counts in
     * tcp_writes and tcp_errors and fires {@code error}; the caller reports the failure to whoever wrote.
     */
    public void rejectWrite(String message, Tags writeTags) {
        Tags t = tagsOfWrite(writeTags);
        sink.increment(BuiltinMetrics.TCP_WRITES, t);
        writeFailed(message, t);
    }

    /** The socket's tags, with a write's own on top; the same instance when the write has none. */
    private Tags tagsOfWrite(Tags writeTags) {
        return writeTags.isEmpty() ? tags : tags.with(writeTags);
    }

    private void writeFailed(String message, Tags t) {
        sink.increment(BuiltinMetrics.TCP_ERRORS, t);
        listener.error("write", message);
    }

    private void writeSettled(ChannelFuture f, ByteBuf data, int length, Tags t, Completion done) {
        try {
            if (f.isSuccess()) {
                bytesWritten += length;
                if (tls) {
                    // counted on the wire, by WireByteCounter
                } else if (t == tags) {
                    dataSent.add(length);
                } else {
                    sink.add(BuiltinMetrics.DATA_SENT, t, length); // the write's own tags reach its bytes too
                }
                done.succeeded();
                return;
            }
            if (data.readerIndex() > 0 && data.readerIndex() < length) {
                bytesWritten += data.readerIndex();
                sink.increment(BuiltinMetrics.TCP_PARTIAL_WRITES, t);
            }
            String message = "write: " + describe(f.cause());
            writeFailed(message, t);
            done.failed(message);
        } finally {
            data.release();
        }
    }

    /** Idle timeout: after {@code millis} without reads or writes a {@code timeout} event fires; ≤ 0 disables. */
    public void setIdleTimeout(long millis) {
        idleTimeoutMillis = Math.max(0, millis);
        if (state == SocketState.OPEN) installIdleHandler();
    }

    private void installIdleHandler() {
        if (channel.pipeline().get(PipelineNames.IDLE) != null) channel.pipeline().remove(PipelineNames.IDLE);
        if (idleTimeoutMillis > 0) {
            channel.pipeline().addBefore(PipelineNames.SOCKET, PipelineNames.IDLE,
                    new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
        }
    }

    /** Closes the socket; idempotent. The {@code closed} event fires once, whatever the state. */
    public void destroy() {
        if (state == SocketState.OPENING) {
            cancelDeadline();
            Completion done = pendingConnect;
            pendingConnect = null;
            state = SocketState.DESTROYED;
            if (done != null) done.failed("connect: socket destroyed before the connection was established");
        }
        state = SocketState.DESTROYED;
        if (channel != null) channel.close();
        fireClosed();
    }

    private void fireClosed() {
        if (closedFired) return;
        closedFired = true;
        if (writeBuffer != null) {
            writeBuffer.release(); // a write still in flight holds its own reference
            writeBuffer = null;
        }
        if (openedAtNanos != 0) sink.addNanos(BuiltinMetrics.TCP_SOCKET_DURATION, tags, System.nanoTime() - openedAtNanos);
        listener.closed();
    }

    private void cancelDeadline() {
        if (connectDeadline != null) {
            connectDeadline.cancel(false);
            connectDeadline = null;
        }
    }

    public SocketState state() {
        return state;
    }

    public boolean isConnected() {
        return state == SocketState.OPEN;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public InetSocketAddress localAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    public InetSocketAddress remoteAddress() {
        return channel == null ? null : (InetSocketAddress) channel.remoteAddress();
    }

    public Tags tags() {
        return tags;
    }

    static String describe(Throwable t) {
        if (t == null) return "unknown error";
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    /** Netty events of this socket's channel, turned into listener events and metrics. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (ctx.channel() != channel) return; // a channel of a failed connect, closing
                int n = buf.readableBytes();
                if (!tls && n > 0) dataReceived.add(n);
                if (n == 0 || state != SocketState.OPEN) return;
                bytesRead += n;
                reads.increment();
                listener.data(buf);
            } finally {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle && idle.isFirst() && state == SocketState.OPEN && ctx.channel() == channel) {
                sink.increment(BuiltinMetrics.TCP_TIMEOUTS, tags);
                listener.timeout();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (state == SocketState.OPEN && ctx.channel() == channel) {
                sink.increment(BuiltinMetrics.TCP_ERRORS, tags);
                listener.error("read", "read: " + describe(cause));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != channel) return; // a channel of a failed connect
            if (state == SocketState.OPEN) state = SocketState.DESTROYED;
            if (state == SocketState.DESTROYED) fireClosed();
        }
    }
}
