package io.loadtcp.engine.net;

import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.MetricSink;
import io.loadtcp.engine.metrics.Tags;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Records {@code data_sent} and {@code data_received} as bytes cross the wire (below TLS): with TLS the records
 * and the handshake are real traffic the target has to handle.
 */
final class WireByteCounter extends ChannelDuplexHandler {
    private final MetricSink sink;
    private final Tags tags;

    WireByteCounter(MetricSink sink, Tags tags) {
        this.sink = sink;
        this.tags = tags;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) sink.add(BuiltinMetrics.DATA_RECEIVED, tags, b.readableBytes());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            int n = b.readableBytes();
            ctx.write(msg, promise.unvoid()).addListener(f -> {
                if (f.isSuccess()) sink.add(BuiltinMetrics.DATA_SENT, tags, n);
            });
            return;
        }
        ctx.write(msg, promise);
    }
}
