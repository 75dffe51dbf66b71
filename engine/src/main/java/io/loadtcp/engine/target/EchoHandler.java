package io.loadtcp.engine.target;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * Writes every byte it reads back to the peer, unchanged and in order. Backpressure: while the channel is not
 * writable (the peer reads slower than it writes) it stops reading, so a fast writer cannot grow the server's memory.
 */
final class EchoHandler extends TargetHandler {
    EchoHandler(TargetCounters counters) {
        super(counters);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int bytes = buf.readableBytes();
        counters.bytesReceived.add(bytes);
        ctx.write(buf).addListener(new CountSent(counters, bytes));
        if (!ctx.channel().isWritable()) {
            // in this order: the flush may drain the buffer and turn reading back on (channelWritabilityChanged)
            ctx.channel().config().setAutoRead(false);
            ctx.flush();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) ctx.channel().config().setAutoRead(true);
        ctx.fireChannelWritabilityChanged();
    }

    private record CountSent(TargetCounters counters, int bytes) implements ChannelFutureListener {
        @Override
        public void operationComplete(ChannelFuture future) {
            if (future.isSuccess()) counters.bytesSent.add(bytes);
        }
    }
}
