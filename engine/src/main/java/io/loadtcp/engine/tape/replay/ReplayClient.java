package io.loadtcp.engine.tape.replay;

import io.loadtcp.engine.net.TlsContexts;
import io.loadtcp.engine.net.Transports;
import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.RecordedConnection;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Plays the client side of a tape against a live server: the recorded connections one after the other, in the order
 * they were opened (so state a server keeps between them, like a SET before a GET, is built up as recorded), checking
 * the server's answers against the tape.
 */
public final class ReplayClient {
    private final InetSocketAddress target;
    private final ReplayOptions options;
    private final SslContext tls;

    /** {@code tls} null for plain TCP. */
    public ReplayClient(InetSocketAddress target, ReplayOptions options, SslContext tls) {
        this.target = target;
        this.options = options;
        this.tls = tls;
    }

    /** Replays; an unreachable target is an IOException naming it. */
    public ReplayReport run(List<RecordedConnection> tape, ReplayListener listener) throws IOException, InterruptedException {
        EventLoopGroup group = Transports.newGroup(1, "loadtcp-replay-client");
        List<PlayResult> results = new ArrayList<>();
        try {
            int number = 0;
            for (RecordedConnection recording : tape) {
                number++;
                CompletableFuture<PlayResult> result = new CompletableFuture<>();
                int n = number;
                Bootstrap b = new Bootstrap()
                        .group(group)
                        .channel(Transports.socketChannel())
                        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.minTimeout().toMillis())
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                if (tls != null) {
                                    ch.pipeline().addLast("tls", TlsContexts.newClientHandler(tls, ch.alloc(), target.getHostString(), target.getPort()));
                                }
                                ch.pipeline().addLast("player",
                                        new ConnectionPlayer(recording, Direction.CLIENT_TO_SERVER, options, n, result));
                            }
                        });
                ChannelFuture connect = b.connect(target).await();
                if (!connect.isSuccess()) {
                    throw new IOException("cannot connect to " + target.getHostString() + ":" + target.getPort() + ": "
                            + connect.cause().getMessage(), connect.cause());
                }
                listener.started(number, recording.id(), target.getHostString() + ":" + target.getPort());
                PlayResult r;
                try {
                    r = result.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                connect.channel().closeFuture().await(2, TimeUnit.SECONDS);
                results.add(r);
                listener.finished(r);
                if (options.once() || options.abort() && !r.matched()) break;
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
        return new ReplayReport(results);
    }
}
