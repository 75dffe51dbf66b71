package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A man-in-the-middle TCP proxy that records every connection it carries to the tape of the connection's route.
 * Any number of concurrent connections; each one's backend connection lives on the client's event loop.
 * The caller owns the tapes: close the proxy first, then the tapes.
 */
public final class RecordingProxy implements Closeable {
    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup channels;
    private final CompletableFuture<String> stopRequested = new CompletableFuture<>();
    private boolean closed;

    private RecordingProxy(EventLoopGroup group, Channel server, ChannelGroup channels) {
        this.group = group;
        this.server = server;
        this.channels = channels;
    }

    /** Binds and starts proxying; a bind failure is an IOException naming the address. */
    public static RecordingProxy start(ProxyConfig config, RecordingListener listener) throws IOException {
        EventLoopGroup group = Transports.newGroup(Math.min(4, Transports.defaultLoopCount()), "loadtcp-record");
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        var routes = config.routesByKey();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (config.listenTls() != null) ch.pipeline().addLast("tls", config.listenTls().newHandler(ch.alloc()));
                        if (config.gateway()) {
                            ch.pipeline().addLast("gateway",
                                    new GatewayPreambleHandler(routes, config.preambleTimeout().toMillis(), listener));
                        }
                        ch.pipeline().addLast(FrontendHandler.NAME, new FrontendHandler(config, listener, channels));
                    }
                });
        ChannelFuture bind = b.bind(config.listen()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + config.listen().getHostString() + ":" + config.listen().getPort()
                    + ": " + bind.cause().getMessage(), bind.cause());
        }
        RecordingProxy proxy = new RecordingProxy(group, bind.channel(), channels);
        for (Route r : config.routes()) {
            r.tape().onFailure(e -> {
                listener.tapeFailed(r.tape().name(), e);
                proxy.stopRequested.complete("cannot write tape " + r.tape().name() + ": " + e.getMessage());
            });
        }
        return proxy;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Completes with a reason when the proxy cannot go on (a tape failed) or {@link #requestStop} was called. */
    public CompletableFuture<String> stopRequested() {
        return stopRequested;
    }

    /** Asks whoever waits on {@link #stopRequested()} to stop the proxy; safe from any thread. */
    public void requestStop(String reason) {
        stopRequested.complete(reason);
    }

    /** Stops accepting, closes every open connection (their closes are recorded), and waits for the event loops. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        stopRequested.complete("stopped");
    }
}
