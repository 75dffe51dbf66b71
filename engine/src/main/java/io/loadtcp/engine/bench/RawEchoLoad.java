package io.loadtcp.engine.bench;

import io.loadtcp.engine.net.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The no-JavaScript baseline: N persistent connections to an echo target, each running a closed loop of
 * "write one message, wait until all of it has come back, write again" for a fixed time. The work per round trip
 * is the same as a script's (one write of {@code messageSize} bytes, reading them all back), minus the scripting.
 * A round trip counts only when every echoed byte has arrived before the run's end.
 */
public final class RawEchoLoad {
    // Only one load runs at a time, so the prefix names this run's event-loop threads (see ThreadCpu).
    private static final String THREAD_PREFIX = "loadtcp-bench";

    /** The message size the JS engine benchmark uses. */
    public static final int DEFAULT_MESSAGE_SIZE = 64;

    /**
     * What a run did. {@code errors}: connections that closed or failed before the end. {@code loopCpu}: CPU time its
     * event loops used while measured (negative where the JVM cannot tell).
     */
    public record Result(long roundTrips, Duration elapsed, int connections, int messageSize, long errors, Duration loopCpu) {
        public double roundTripsPerSecond() {
            long nanos = elapsed.toNanos();
            return nanos == 0 ? 0 : roundTrips * 1e9 / nanos;
        }

        /** The event loops' CPU per round trip in nanoseconds; NaN when unknown or nothing was counted. */
        public double loopCpuNanosPerRoundTrip() {
            return loopCpu.isNegative() || roundTrips == 0 ? Double.NaN : loopCpu.toNanos() / (double) roundTrips;
        }

        @Override
        public String toString() {
            return String.format("%d round trips of %d bytes over %d connections in %.3f s: %.0f round trips/s,"
                            + " %.2f µs of event-loop CPU each%s",
                    roundTrips, messageSize, connections, elapsed.toNanos() / 1e9, roundTripsPerSecond(),
                    loopCpuNanosPerRoundTrip() / 1e3, errors == 0 ? "" : " (" + errors + " connection errors)");
        }
    }

    private final InetSocketAddress target;
    private final int connections;
    private final Duration duration;
    private int messageSize = DEFAULT_MESSAGE_SIZE;
    private int eventLoops = Transports.defaultLoopCount();
    private Duration connectTimeout = Duration.ofSeconds(5);

    public RawEchoLoad(InetSocketAddress target, int connections, Duration duration) {
        this.target = Objects.requireNonNull(target, "target");
        if (connections < 1) throw new IllegalArgumentException("connections must be at least 1, was " + connections);
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be positive, was " + duration);
        this.connections = connections;
        this.duration = duration;
    }

    /** {@code new RawEchoLoad(target, connections, duration).run()}. */
    public static Result run(InetSocketAddress target, int connections, Duration duration) throws IOException, InterruptedException {
        return new RawEchoLoad(target, connections, duration).run();
    }

    /** Bytes per message; default {@value #DEFAULT_MESSAGE_SIZE}. */
    public RawEchoLoad messageSize(int bytes) {
        if (bytes < 1) throw new IllegalArgumentException("messageSize must be at least 1, was " + bytes);
        this.messageSize = bytes;
        return this;
    }

    /** Client event loops the connections are spread over; default one per core. */
    public RawEchoLoad eventLoops(int loops) {
        if (loops < 1) throw new IllegalArgumentException("eventLoops must be at least 1, was " + loops);
        this.eventLoops = loops;
        return this;
    }

    public RawEchoLoad connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Connects every connection, runs the loops for the duration (blocking the caller), closes everything.
     *
     * @throws ConnectException when a connection cannot be opened; nothing is measured then
     */
    public Result run() throws IOException, InterruptedException {
        byte[] bytes = new byte[messageSize];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ('a' + i % 26);
        RunState state = new RunState();
        EventLoopGroup group = Transports.newGroup(eventLoops, THREAD_PREFIX);
        List<Loop> loops = new ArrayList<>(connections);
        List<Channel> channels = new ArrayList<>(connections);
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(Transports.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
            for (int i = 0; i < connections; i++) {
                Loop loop = new Loop(bytes, state);
                loops.add(loop);
                ChannelFuture connected = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("echo-loop", loop);
                    }
                }).connect(target).await();
                if (!connected.isSuccess()) {
                    ConnectException e = new ConnectException("cannot connect to " + target + " (connection " + (i + 1) + " of "
                            + connections + "): " + connected.cause().getMessage());
                    e.initCause(connected.cause());
                    throw e;
                }
                channels.add(connected.channel());
            }
            long cpuAtStart = ThreadCpu.nanos(THREAD_PREFIX);
            long start = System.nanoTime();
            for (int i = 0; i < channels.size(); i++) {
                Channel ch = channels.get(i);
                Loop loop = loops.get(i);
                ch.eventLoop().execute(loop::firstWrite);
            }
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            state.stopped = true;
            long elapsed = System.nanoTime() - start;
            long cpuAtEnd = ThreadCpu.nanos(THREAD_PREFIX);
            Duration loopCpu = cpuAtStart < 0 || cpuAtEnd < 0 ? Duration.ofNanos(-1) : Duration.ofNanos(cpuAtEnd - cpuAtStart);
            for (Channel ch : channels) ch.close();
            for (Channel ch : channels) ch.closeFuture().await(5, TimeUnit.SECONDS);
            long roundTrips = 0;
            long errors = 0;
            for (Loop loop : loops) {
                Counts c = loop.counts().get(5, TimeUnit.SECONDS);
                roundTrips += c.roundTrips;
                errors += c.error ? 1 : 0;
            }
            return new Result(roundTrips, Duration.ofNanos(elapsed), connections, messageSize, errors, loopCpu);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot collect the counts of the benchmark connections", e);
        } finally {
            for (Channel ch : channels) ch.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static final class RunState {
        volatile boolean stopped;
    }

    private record Counts(long roundTrips, boolean error) {}

    /** One connection's closed loop; touched only by its event loop. */
    private static final class Loop extends ChannelInboundHandlerAdapter {
        private final byte[] bytes;
        private final RunState state;
        private ChannelHandlerContext ctx;
        private ByteBuf message; // one per connection: no reference count shared between event loops
        private int pending; // echoed bytes still expected for the message in flight
        private long roundTrips;
        private boolean error;

        Loop(byte[] bytes, RunState state) {
            this.bytes = bytes;
            this.state = state;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.message = ctx.alloc().directBuffer(bytes.length).writeBytes(bytes);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            message.release();
        }

        void firstWrite() {
            if (ctx.channel().isActive() && !state.stopped) send();
        }

        private void send() {
            pending = bytes.length;
            ctx.writeAndFlush(message.retainedDuplicate(), ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int n = msg instanceof ByteBuf buf ? buf.readableBytes() : 0;
            ReferenceCountUtil.release(msg);
            pending -= n;
            if (pending > 0) return;
            if (state.stopped) return; // finished after the end: not counted, and no new message
            if (pending < 0) { // more came back than was sent: not an echo server
                error = true;
                ctx.close();
                return;
            }
            roundTrips++;
            send();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!state.stopped) error = true;
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!state.stopped) error = true;
            ctx.close();
        }

        /** Read on the connection's event loop, so the plain fields need no synchronization. */
        Future<Counts> counts() {
            return ctx.executor().submit(() -> new Counts(roundTrips, error));
        }
    }
}
