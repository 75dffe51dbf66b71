package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.tape.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/** The last handler of either channel of a proxied connection: hands what the channel reads to its session. */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private final ProxySession session;
    private final Direction reads;

    RelayHandler(ProxySession session, Direction reads) {
        this.session = session;
        this.reads = reads;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) session.read(reads, buf);
        else ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) session.inputShutdown(reads);
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.inactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.exception(reads, cause);
    }
}
