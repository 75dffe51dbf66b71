package io.loadtcp.engine.tape.replay;

import io.loadtcp.engine.net.Transports;
import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.RecordedConnection;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the server side of a tape: each accepted connection replays the tape's next recorded connection (cycling
 * through them), checking the client's bytes and answering with the recorded ones. A mismatch drops that connection
 * only; {@link #done()} completes after the first connection with {@code once}, or at the first mismatch with
 * {@code abort}.
 */
public final class ReplayServer implements Closeable {
    private static final AttributeKey<Integer> NUMBER = AttributeKey.valueOf("loadtcp.replay.number");
    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup channels;
    private final List<PlayResult> results;
    private final CompletableFuture<ReplayReport> done;

    private ReplayServer(EventLoopGroup group, Channel server, ChannelGroup channels, List<PlayResult> results,
            CompletableFuture<ReplayReport> done) {
        this.group = group;
        this.server = server;
        this.channels = channels;
        this.results = results;
        this.done = done;
    }

    public static ReplayServer start(InetSocketAddress listen, List<RecordedConnection> tape, ReplayOptions options,
            SslContext tls, ReplayListener listener) throws IOException {
        if (tape.isEmpty()) throw new IllegalArgumentException("the tape holds no connection to replay");
        EventLoopGroup group = Transports.newGroup(Math.min(4, Transports.defaultLoopCount()), "loadtcp-replay");
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        List<PlayResult> results = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<ReplayReport> done = new CompletableFuture<>();
        AtomicInteger accepted = new AtomicInteger();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object child) {
                        // numbered in accept order, before the child moves to its own event loop
                        ((Channel) child).attr(NUMBER).set(accepted.incrementAndGet());
                        ctx.fireChannelRead(child);
                    }
                })
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int number = ch.attr(NUMBER).get();
                        if (options.once() && number > 1 || done.isDone()) {
                            ch.close();
                            return;
                        }
                        channels.add(ch);
                        RecordedConnection recording = tape.get((number - 1) % tape.size());
                        listener.started(number, recording.id(), io.loadtcp.engine.net.Addresses.format(ch.remoteAddress()));
                        CompletableFuture<PlayResult> result = new CompletableFuture<>();
                        result.thenAccept(r -> {
                            results.add(r);
                            listener.finished(r);
                            if (options.once() || options.abort() && !r.matched()) {
                                done.complete(new ReplayReport(results));
                            }
                        });
                        if (tls != null) ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        ch.pipeline().addLast("player",
                                new ConnectionPlayer(recording, Direction.SERVER_TO_CLIENT, options, number, result));
                    }
                });
        ChannelFuture bind = b.bind(listen).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + listen.getHostString() + ":" + listen.getPort() + ": "
                    + bind.cause().getMessage(), bind.cause());
        }
        return new ReplayServer(group, bind.channel(), channels, results, done);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Completes when the replay should end by itself ({@code once}, or {@code abort} at a mismatch). */
    public CompletableFuture<ReplayReport> done() {
        return done;
    }

    /** What happened so far. */
    public ReplayReport report() {
        synchronized (results) {
            return new ReplayReport(results);
        }
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
