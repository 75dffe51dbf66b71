package io.loadtcp.engine.target;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

/** Reads and drops every byte; counts them. */
final class DiscardHandler extends TargetHandler {
    DiscardHandler(TargetCounters counters) {
        super(counters);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) counters.bytesReceived.add(buf.readableBytes());
        ReferenceCountUtil.release(msg);
    }
}
