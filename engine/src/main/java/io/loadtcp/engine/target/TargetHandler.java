package io.loadtcp.engine.target;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * What the echo and discard handlers share: counting failed TLS handshakes, and closing a connection quietly
 * when it breaks (a client that resets its connection is routine under load, not an error to log).
 */
abstract class TargetHandler extends ChannelInboundHandlerAdapter {
    final TargetCounters counters;

    TargetHandler(TargetCounters counters) {
        this.counters = counters;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            counters.tlsHandshakeFailures.increment();
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
