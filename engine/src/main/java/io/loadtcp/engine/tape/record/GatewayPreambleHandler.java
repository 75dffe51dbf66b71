package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.net.Addresses;
import io.loadtcp.engine.tape.Printable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gateway mode, as Testable's recorder: reads the client's first line, {@code TestableGateway KEY\n}, strips it,
 * and tells the {@link FrontendHandler} which route to connect; the bytes after the line go on to the backend.
 * A missing preamble, an unknown key or a silent client closes the connection with a reason.
 */
final class GatewayPreambleHandler extends ChannelInboundHandlerAdapter {
    static final String PREFIX = "TestableGateway ";
    static final int MAX_LINE = 256;
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Route> routes;
    private final long timeoutMillis;
    private final RecordingListener listener;
    private ByteBuf line;
    private ScheduledFuture<?> timer;
    private boolean decided;

    GatewayPreambleHandler(Map<String, Route> routes, long timeoutMillis, RecordingListener listener) {
        this.routes = routes;
        this.timeoutMillis = timeoutMillis;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        line = ctx.alloc().buffer(64);
        timer = ctx.executor().schedule(
                () -> refuse(ctx, "no gateway preamble within " + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf) || decided) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            line.writeBytes(buf);
        } finally {
            buf.release();
        }
        int checked = Math.min(line.readableBytes(), PREFIX_BYTES.length);
        for (int i = 0; i < checked; i++) {
            if (line.getByte(i) != PREFIX_BYTES[i]) {
                refuse(ctx, "missing gateway preamble: the first bytes must be \"TestableGateway KEY\\n\", got "
                        + Printable.preview(ByteBufUtil.getBytes(line, 0, Math.min(line.readableBytes(), 32)), 32));
                return;
            }
        }
        int nl = line.indexOf(0, line.readableBytes(), (byte) '\n');
        if (nl < 0) {
            if (line.readableBytes() > MAX_LINE) refuse(ctx, "gateway preamble longer than " + MAX_LINE + " bytes");
            else ctx.read();
            return;
        }
        String key = line.toString(PREFIX_BYTES.length, nl - PREFIX_BYTES.length, StandardCharsets.UTF_8).strip();
        Route route = routes.get(key);
        if (route == null) {
            refuse(ctx, "unknown gateway key \"" + key + "\" (known: " + String.join(", ", new TreeSet<>(routes.keySet())) + ")");
            return;
        }
        decided = true;
        timer.cancel(false);
        line.readerIndex(nl + 1);
        ByteBuf leftover = line.readRetainedSlice(line.readableBytes());
        FrontendHandler frontend = ctx.pipeline().get(FrontendHandler.class);
        ctx.pipeline().remove(this);
        frontend.connect(route, leftover);
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (decided) return;
        decided = true;
        listener.refused(Addresses.format(ctx.channel().remoteAddress()), reason);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        refuse(ctx, "closed before sending the gateway preamble");
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) timer.cancel(false);
        if (line != null) {
            line.release();
            line = null;
        }
    }
}
