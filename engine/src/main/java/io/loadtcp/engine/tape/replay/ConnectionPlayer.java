package io.loadtcp.engine.tape.replay;

import io.loadtcp.engine.net.Addresses;
import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.RecordedConnection;
import io.loadtcp.engine.tape.TapeDescriber;
import io.loadtcp.engine.tape.TapeEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays one side of one recorded connection on a live channel: writes what that side sent, and checks that the peer
 * sends the recorded byte stream, whatever its chunking (a peer's data event is a checkpoint in its stream: wait
 * until that many bytes arrived, comparing as they come). Runs entirely on the channel's event loop.
 */
final class ConnectionPlayer extends ChannelInboundHandlerAdapter {
    private static final int CONTEXT = 16;

    private final RecordedConnection recording;
    private final List<TapeEvent> events;
    private final Direction own;
    private final Direction peer;
    private final ReplayOptions options;
    private final int number;
    private final CompletableFuture<PlayResult> result;
    private final byte[] expected;

    private ChannelHandlerContext ctx;
    private byte[] received = new byte[256];
    private int receivedLength;
    /** Bytes of the peer's stream already compared with the tape. */
    private int checked;
    /** End offset in the peer's stream of the data events passed so far. */
    private int checkpoint;
    private int next;
    private long sent;
    private boolean busy;
    private boolean delayed;
    private boolean peerEof;
    private boolean finished;
    private ScheduledFuture<?> timer;
    private String waitingFor;

    ConnectionPlayer(RecordedConnection recording, Direction own, ReplayOptions options, int number,
            CompletableFuture<PlayResult> result) {
        this.recording = recording;
        this.events = recording.events();
        this.own = own;
        this.peer = own.reverse();
        this.options = options;
        this.number = number;
        this.result = result;
        this.expected = recording.stream(peer);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        advance();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished || !(msg instanceof ByteBuf buf)) return;
            int n = buf.readableBytes();
            if (!options.assertBytes()) {
                n = Math.min(n, Math.max(0, expected.length - receivedLength)); // count only what the tape expects
            }
            if (receivedLength + n > received.length) {
                received = Arrays.copyOf(received, Math.max(received.length * 2, receivedLength + n));
            }
            buf.getBytes(buf.readerIndex(), received, receivedLength, n);
            receivedLength += n;
            if (options.assertBytes() && !compare()) return;
            if (!busy) advance();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Compares newly received bytes with the tape; fails and returns false at the first difference or excess. */
    private boolean compare() {
        int limit = Math.min(receivedLength, expected.length);
        for (; checked < limit; checked++) {
            if (received[checked] != expected[checked]) {
                fail(checked, "bytes differ at offset " + checked + " of the " + peer.label() + " stream");
                return false;
            }
        }
        if (receivedLength > expected.length) {
            fail(expected.length, "the " + peer.from() + " sent " + (receivedLength - expected.length)
                    + " bytes more than the tape holds (" + expected.length + ")");
            return false;
        }
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            peerEof = true;
            if (!busy) advance();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peerEof = true;
        if (finished) return;
        boolean morePeerData = false;
        boolean moreOwnData = false;
        for (int i = next; i < events.size(); i++) {
            if (events.get(i) instanceof TapeEvent.Data d) {
                if (d.direction() == peer) morePeerData = true;
                else moreOwnData = true;
            }
        }
        if (checkpoint < expected.length && receivedLength < expected.length && (morePeerData || waitingFor != null)) {
            fail(receivedLength, "the " + peer.from() + " closed the connection after sending " + receivedLength + " of "
                    + expected.length + " recorded bytes");
        } else if (moreOwnData) {
            fail(-1, "the " + peer.from() + " closed the connection before the " + own.from()
                    + " sent all its recorded bytes");
        } else {
            succeed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!finished) {
            // a reset the tape expects ends the connection like a close
            boolean expectedReset = events.stream().anyMatch(e -> e instanceof TapeEvent.Reset r && r.direction() == peer);
            if (!expectedReset) fail(-1, "connection error: " + cause.getMessage());
        }
        ctx.close();
    }

    private void advance() {
        if (finished) return;
        while (!finished && next < events.size()) {
            TapeEvent e = events.get(next);
            long gap = next == 0 ? 0 : e.nanos() - events.get(next - 1).nanos();
            switch (e) {
                case TapeEvent.Opened o -> next++;
                case TapeEvent.Data d when d.direction() == own -> {
                    if (options.delay() && gap > 0 && !delayed) {
                        delayed = true;
                        busy = true;
                        ctx.executor().schedule(() -> {
                            busy = false;
                            advance();
                        }, gap, TimeUnit.NANOSECONDS);
                        return;
                    }
                    delayed = false;
                    next++;
                    busy = true;
                    sent += d.bytes().length;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(d.bytes())).addListener((ChannelFutureListener) f -> {
                        busy = false;
                        if (f.isSuccess()) advance();
                        else fail(-1, "cannot send to the " + peer.from() + ": " + f.cause().getMessage());
                    });
                    return;
                }
                case TapeEvent.Data d -> {
                    int target = checkpoint + d.bytes().length;
                    if (receivedLength >= target) {
                        checkpoint = target;
                        next++;
                        stopWaiting();
                    } else {
                        if (peerEof) {
                            fail(receivedLength, "the " + peer.from() + " ended its stream after " + receivedLength + " of "
                                    + expected.length + " recorded bytes");
                            return;
                        }
                        waitFor(gap, (target - receivedLength) + " more bytes from the " + peer.from() + " (received "
                                + receivedLength + " of " + expected.length + ")");
                        return;
                    }
                }
                case TapeEvent.HalfClose h when h.direction() == own -> {
                    next++;
                    if (ctx.channel() instanceof DuplexChannel duplex && !duplex.isOutputShutdown()) duplex.shutdownOutput();
                }
                case TapeEvent.HalfClose h -> {
                    if (peerEof) {
                        next++;
                        stopWaiting();
                    } else {
                        waitFor(gap, "the " + peer.from() + " to end its stream");
                        return;
                    }
                }
                case TapeEvent.Reset r when r.direction() == own -> {
                    next = events.size();
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    succeed();
                }
                case TapeEvent.Reset r -> next = events.size();
                case TapeEvent.Closed c -> next = events.size();
            }
        }
        succeed();
    }

    private void waitFor(long recordedGap, String what) {
        if (timer != null && what.equals(waitingFor)) return;
        stopWaiting();
        waitingFor = what;
        long timeout = options.timeoutNanos(recordedGap);
        timer = ctx.executor().schedule(() -> fail(receivedLength < expected.length ? receivedLength : -1,
                "timed out after " + TapeDescriber.duration(timeout) + " waiting for " + what), timeout, TimeUnit.NANOSECONDS);
    }

    private void stopWaiting() {
        if (timer != null) timer.cancel(false);
        timer = null;
        waitingFor = null;
    }

    private void succeed() {
        if (finished) return;
        finished = true;
        stopWaiting();
        complete(null, null);
    }

    /** Fails the connection; {@code offset} >= 0 attaches the bytes around that offset of the peer's stream. */
    private void fail(int offset, String problem) {
        if (finished) return;
        finished = true;
        stopWaiting();
        Mismatch mismatch = null;
        if (offset >= 0 && options.assertBytes()) {
            int from = Math.max(0, offset - CONTEXT);
            mismatch = new Mismatch(peer, offset, from,
                    Arrays.copyOfRange(expected, Math.min(from, expected.length), Math.min(expected.length, offset + 2 * CONTEXT)),
                    Arrays.copyOfRange(received, Math.min(from, receivedLength), Math.min(receivedLength, offset + 2 * CONTEXT)));
        }
        complete(problem, mismatch);
    }

    private void complete(String problem, Mismatch mismatch) {
        String remote = ctx == null ? "?" : Addresses.format(ctx.channel().remoteAddress());
        result.complete(new PlayResult(number, recording.id(), remote, sent, receivedLength, problem, mismatch));
        if (ctx != null) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
