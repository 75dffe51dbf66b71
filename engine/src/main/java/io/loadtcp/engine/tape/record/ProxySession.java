package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.TapeWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;

/**
 * The two channels of one proxied connection and what passes between them: each chunk read on one side is recorded,
 * written to the other side, and only then is the next chunk read (read-after-write, so a slow side is never buffered
 * without bound). Half-closes pass through. Both channels share one event loop, so nothing here needs a lock.
 */
final class ProxySession {
    private final Channel inbound;
    private final Channel outbound;
    private final ProxyConnection conn;
    private final RecordingListener listener;
    private final TapeWriter tape;
    private int inactive;

    ProxySession(Channel inbound, Channel outbound, ProxyConnection conn, RecordingListener listener) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.conn = conn;
        this.listener = listener;
        this.tape = conn.route().tape();
    }

    ProxyConnection connection() {
        return conn;
    }

    /** The channel that reads bytes travelling in {@code d}. */
    private Channel source(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? inbound : outbound;
    }

    /** The channel that writes bytes travelling in {@code d}. */
    private Channel target(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? outbound : inbound;
    }

    void start() {
        inbound.read();
        outbound.read();
    }

    void read(Direction d, ByteBuf msg) {
        if (inactive > 0) { // one side is gone; what still trickles in has nowhere to go
            msg.release();
            return;
        }
        int n = msg.readableBytes();
        tape.data(conn.id(), d, msg);
        conn.count(d, n);
        if (listener.wantsData()) listener.data(conn, d, tape.elapsedNanos(), ByteBufUtil.getBytes(msg));
        Channel from = source(d);
        target(d).writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                from.read();
            } else {
                conn.endReason("error: cannot write to the " + d.to() + ": " + f.cause().getMessage());
                closeBoth();
            }
        });
    }

    void inputShutdown(Direction d) {
        tape.halfClose(conn.id(), d);
        listener.halfClosed(conn, d);
        Channel to = target(d);
        // the EOF can arrive in the same read as the last bytes, whose write may still be pending: shut down after it
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written ->
                shutdownOutput(to).addListener((ChannelFutureListener) f -> closeIfBothShut(to)));
        closeIfBothShut(source(d));
    }

    void inactive() {
        closeOnFlush(inbound);
        closeOnFlush(outbound);
        if (++inactive == 2 && conn.finish()) {
            tape.closed(conn.id());
            listener.closed(conn);
        }
    }

    void exception(Direction d, Throwable cause) {
        if (cause instanceof IOException && String.valueOf(cause.getMessage()).toLowerCase().contains("reset")) {
            conn.endReason("reset by " + d.from());
            tape.reset(conn.id(), d);
        } else {
            conn.endReason("error on the " + d.from() + " side: " + cause.getMessage());
        }
        closeBoth();
    }

    private void closeBoth() {
        inbound.close();
        outbound.close();
    }

    /** Shuts down a channel's output, sending TLS close_notify first when the channel speaks TLS. */
    static ChannelFuture shutdownOutput(Channel ch) {
        if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) return ch.newSucceededFuture();
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl == null) return duplex.shutdownOutput();
        var promise = ch.newPromise();
        ssl.closeOutbound().addListener(f -> duplex.shutdownOutput(promise));
        return promise;
    }

    static void closeIfBothShut(Channel ch) {
        if (ch instanceof DuplexChannel d && d.isInputShutdown() && d.isOutputShutdown()) ch.close();
    }

    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
