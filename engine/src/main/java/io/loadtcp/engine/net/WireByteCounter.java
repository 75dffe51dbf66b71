package io.loadtcp.engine.net;

import io.loadtcp.engine.metrics.Series;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Records {@code data_sent} and {@code data_received} as bytes cross the wire below TLS: the records and the
 * handshake are real traffic the target has to handle. (Plaintext sockets count their payload themselves.)
 */
final class WireByteCounter extends ChannelDuplexHandler {
    private final Series dataSent;
    private final Series dataReceived;

    WireByteCounter(Series dataSent, Series dataReceived) {
        this.dataSent = dataSent;
        this.dataReceived = dataReceived;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) dataReceived.add(b.readableBytes());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            int n = b.readableBytes();
            ctx.write(msg, promise.unvoid()).addListener(f -> {
                if (f.isSuccess()) dataSent.add(n);
            });
            return;
        }
        ctx.write(msg, promise);
    }
}
