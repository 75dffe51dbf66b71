package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.net.Addresses;
import io.loadtcp.engine.net.TlsContexts;
import io.loadtcp.engine.net.Transports;
import io.loadtcp.engine.tape.Direction;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts a client connection for the proxy: connects to the route's backend on the client's own event loop, writes
 * the opening of the connection to the tape, then hands both channels over to a {@link ProxySession}. In gateway mode
 * the {@link GatewayPreambleHandler} picks the route first.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "frontend";
    private final ProxyConfig config;
    private final RecordingListener listener;
    private final ChannelGroup channels;
    private ChannelHandlerContext ctx;
    private Channel connecting;
    private boolean inputShutdownEarly;
    /** Bytes the client sent before the backend connection was up (epoll reads on RDHUP even with AUTO_READ off). */
    private final List<ByteBuf> early = new ArrayList<>();

    FrontendHandler(ProxyConfig config, RecordingListener listener, ChannelGroup channels) {
        this.config = config;
        this.listener = listener;
        this.channels = channels;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channels.add(ctx.channel());
        if (!config.gateway()) connect(config.routes().getFirst(), null);
        ctx.fireChannelActive();
    }

    /** Connects to {@code route}; {@code leftover} (may be null) is what the client sent after its preamble. */
    void connect(Route route, ByteBuf leftover) {
        if (leftover != null) early.addFirst(leftover);
        Channel inbound = ctx.channel();
        String client = Addresses.format(inbound.remoteAddress());
        Bootstrap b = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(Transports.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (config.targetTls() != null) {
                            ch.pipeline().addLast("tls", TlsContexts.newClientHandler(config.targetTls(), ch.alloc(), route.host(), route.port()));
                        }
                    }
                });
        ChannelFuture f = b.connect(route.host(), route.port());
        connecting = f.channel();
        channels.add(connecting);
        f.addListener((ChannelFutureListener) done -> {
            connecting = null;
            if (!done.isSuccess()) {
                releaseEarly();
                listener.refused(client, "cannot connect to " + route.target() + ": " + done.cause().getMessage());
                inbound.close();
                return;
            }
            Channel outbound = done.channel();
            if (!inbound.isActive()) {
                releaseEarly();
                outbound.close();
                return;
            }
            ProxyConnection conn = new ProxyConnection(route.tape().newConnection(), route, client);
            route.tape().opened(conn.id(), client, route.target());
            listener.opened(conn);
            ProxySession session = new ProxySession(inbound, outbound, conn, listener);
            inbound.pipeline().replace(this, "relay", new RelayHandler(session, Direction.CLIENT_TO_SERVER));
            outbound.pipeline().addLast("relay", new RelayHandler(session, Direction.SERVER_TO_CLIENT));
            early.removeIf(chunk -> !chunk.isReadable() && (chunk.release() || true));
            if (early.isEmpty()) {
                session.start();
            } else {
                outbound.read();
                for (ByteBuf chunk : early) session.read(Direction.CLIENT_TO_SERVER, chunk); // the last write's completion reads on
                early.clear();
            }
            if (inputShutdownEarly) session.inputShutdown(Direction.CLIENT_TO_SERVER);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) early.add(buf);
        else io.netty.util.ReferenceCountUtil.release(msg);
    }

    private void releaseEarly() {
        early.forEach(ByteBuf::release);
        early.clear();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) releaseEarly();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // in gateway mode the client may send its preamble, its data and its FIN before the backend answers
        if (evt == ChannelInputShutdownEvent.INSTANCE) inputShutdownEarly = true;
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connecting != null) connecting.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.refused(Addresses.format(ctx.channel().remoteAddress()), "error before connecting: " + cause.getMessage());
        ctx.close();
    }
}
