package io.loadtcp.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricSink;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.target.ServerTls;
import io.loadtcp.engine.target.TargetServer;
import io.loadtcp.engine.target.TlsMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The socket a VU drives, against a real echo server: events in order, and tags on every metric it records. */
class ClientSocketTest {
    private record Sample(Metric metric, Tags tags, double value) {}

    private final List<Sample> samples = new ArrayList<>();
    private final MetricSink sink = (m, t, v) -> samples.add(new Sample(m, t, v));
    private EventLoopGroup group;
    private EventLoop loop;
    private TargetServer echo;

    @BeforeEach
    void start() throws Exception {
        group = Transports.newGroup(1, "test-loop");
        loop = group.next();
        echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        echo.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records events as text, on the loop. */
    private static final class Events implements SocketListener {
        final List<String> seen = new ArrayList<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        ClientSocket socket;

        @Override public void connected() { seen.add("connect"); }
        @Override public void data(ByteBuf bytes) {
            seen.add("data:" + bytes.toString(StandardCharsets.UTF_8));
            socket.destroy();
        }
        @Override public void timeout() { seen.add("timeout"); }
        @Override public void error(String method, String message) { seen.add("error:" + method); }
        @Override public void closed() { seen.add("close"); closed.complete(null); }
    }

    @Test
    void socketConnectAndWriteTagsReachEveryMetricOfTheSocket() throws Exception {
        Events events = new Events();
        loop.execute(() -> {
            events.socket = new ClientSocket(loop, sink, SocketEnvironment.create(null), Tags.of("scenario", "s", "svc", "echo"), events);
            events.socket.connect(new ConnectRequest("127.0.0.1", echo.address().getPort(), false, 0, Tags.of("step", "login")),
                    new Completion() {
                        @Override public void succeeded() {
                            events.socket.write(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8), Tags.of("op", "greet"),
                                    new Completion() {
                                        @Override public void succeeded() {}
                                        @Override public void failed(String m) {}
                                    });
                        }
                        @Override public void failed(String message) {}
                    });
        });
        events.closed.get(5, TimeUnit.SECONDS);
        List<Sample> recorded = loop.submit(() -> new ArrayList<>(samples)).get();
        assertEquals(List.of("connect", "data:hi", "close"), loop.submit(() -> events.seen).get());
        List<Metric> expected = List.of(BuiltinMetrics.TCP_SOCKET_CONNECTING, BuiltinMetrics.TCP_SOCKETS, BuiltinMetrics.TCP_WRITES,
                BuiltinMetrics.DATA_SENT, BuiltinMetrics.TCP_READS, BuiltinMetrics.DATA_RECEIVED, BuiltinMetrics.TCP_SOCKET_DURATION);
        for (Metric m : expected) {
            Sample s = recorded.stream().filter(x -> x.metric() == m).findFirst()
                    .orElseThrow(() -> new AssertionError("no sample of " + m + " in " + recorded));
            Tags t = s.tags();
            assertEquals("echo", t.get("svc"), m + " has the socket's tags: " + t);
            assertEquals("login", t.get("step"), m + " has the connect tags: " + t);
            assertEquals("tcp", t.get("proto"), m.name());
            assertEquals("127.0.0.1", t.get("host"), m.name());
            assertEquals(Integer.toString(echo.address().getPort()), t.get("port"), m.name());
            assertEquals("s", t.get("scenario"), m.name());
        }
        Sample write = recorded.stream().filter(x -> x.metric() == BuiltinMetrics.TCP_WRITES).findFirst().orElseThrow();
        assertEquals("greet", write.tags().get("op"), "write tags on the write");
        Sample connecting = recorded.stream().filter(x -> x.metric() == BuiltinMetrics.TCP_SOCKET_CONNECTING).findFirst().orElseThrow();
        assertTrue(connecting.value() > 0 && connecting.value() < 5e9, "nanoseconds, not truncated: " + connecting.value());
    }

    /** Sends "hello" and waits for the echo; returns the sums of data_sent and data_received. */
    private double[] exchangeHello(TargetServer target, boolean tls) throws Exception {
        TlsSettings insecure = new TlsSettings(true, List.of(), null, null, List.of(), null);
        Events events = sendHello(SocketEnvironment.create(insecure), target, tls);
        events.closed.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("connect", "data:hello", "close"), loop.submit(() -> events.seen).get());
        List<Sample> recorded = loop.submit(() -> new ArrayList<>(samples)).get();
        return new double[] {sum(recorded, BuiltinMetrics.DATA_SENT), sum(recorded, BuiltinMetrics.DATA_RECEIVED)};
    }

    /** Connects on the loop and, once connected, writes "hello"; the echo closes the socket (see {@link Events}). */
    private Events sendHello(SocketEnvironment env, TargetServer target, boolean tls) {
        Events events = new Events();
        loop.execute(() -> {
            events.socket = new ClientSocket(loop, sink, env, Tags.EMPTY, events);
            events.socket.connect(new ConnectRequest("127.0.0.1", target.address().getPort(), tls, 10_000, Tags.EMPTY),
                    new Completion() {
                        @Override public void succeeded() {
                            events.socket.write(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8), Tags.EMPTY,
                                    new Completion() {
                                        @Override public void succeeded() {}
                                        @Override public void failed(String m) {}
                                    });
                        }
                        @Override public void failed(String message) {}
                    });
        });
        return events;
    }

    private static double sum(List<Sample> samples, Metric metric) {
        return samples.stream().filter(s -> s.metric() == metric).mapToDouble(Sample::value).sum();
    }

    /**
     * Writes take the socket's reused buffer only once the previous write has left it: bytes queued behind a full
     * socket keep their own buffer, and every byte arrives in order either way.
     */
    @Test
    void writesKeepTheirBytesWhetherTheyLeftAtOnceOrQueuedBehindAFullSocket() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Events events = new Events();
            int big = 16 * 1024 * 1024; // more than the kernel's socket buffers take at once: later writes queue
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) expected.append(String.format("queued-%03d|", i));
            java.util.concurrent.atomic.AtomicInteger succeeded = new java.util.concurrent.atomic.AtomicInteger();
            Completion count = new Completion() {
                @Override public void succeeded() { succeeded.incrementAndGet(); }
                @Override public void failed(String m) { throw new AssertionError(m); }
            };
            CompletableFuture<Void> queued = new CompletableFuture<>();
            loop.execute(() -> {
                events.socket = new ClientSocket(loop, sink, SocketEnvironment.create(null), Tags.EMPTY, events);
                events.socket.connect(new ConnectRequest("127.0.0.1", server.getLocalPort(), false, 0, Tags.EMPTY), new Completion() {
                    @Override public void succeeded() {
                        byte[] pattern = new byte[big];
                        for (int i = 0; i < big; i++) pattern[i] = (byte) ('a' + i % 26);
                        events.socket.write(events.socket.allocate(big).writeBytes(pattern), Tags.EMPTY, count);
                        for (int i = 0; i < 200; i++) {
                            byte[] m = String.format("queued-%03d|", i).getBytes(StandardCharsets.US_ASCII);
                            events.socket.write(events.socket.allocate(m.length).writeBytes(m), Tags.EMPTY, count);
                        }
                        queued.complete(null);
                    }
                    @Override public void failed(String message) { queued.completeExceptionally(new AssertionError(message)); }
                });
            });
            try (java.net.Socket peer = server.accept()) {
                queued.get(5, TimeUnit.SECONDS);
                java.io.DataInputStream in = new java.io.DataInputStream(peer.getInputStream());
                byte[] head = new byte[big];
                in.readFully(head);
                for (int i = 0; i < big; i++) {
                    if (head[i] != 'a' + i % 26) throw new AssertionError("byte " + i + " of the large write");
                }
                byte[] tail = new byte[expected.length()];
                in.readFully(tail);
                assertEquals(expected.toString(), new String(tail, StandardCharsets.US_ASCII));

                // The socket's buffers are empty now: each write leaves inside its call and the next one reuses its buffer.
                String[] sent = loop.submit(() -> {
                    StringBuilder all = new StringBuilder();
                    ByteBuf previous = null;
                    boolean reused = true;
                    for (int i = 0; i < 200; i++) {
                        byte[] m = String.format("at-once-%03d|", i).getBytes(StandardCharsets.US_ASCII);
                        ByteBuf b = events.socket.allocate(m.length);
                        reused &= previous == null || b == previous;
                        previous = b;
                        events.socket.write(b.writeBytes(m), Tags.EMPTY, count);
                        all.append(new String(m, StandardCharsets.US_ASCII));
                    }
                    return new String[] {all.toString(), Boolean.toString(reused)};
                }).get(5, TimeUnit.SECONDS);
                byte[] again = new byte[sent[0].length()];
                in.readFully(again);
                assertEquals(sent[0], new String(again, StandardCharsets.US_ASCII));
                assertEquals("true", sent[1], "writes that left at once share the socket's buffer");
            }
            loop.submit(() -> events.socket.destroy()).get(5, TimeUnit.SECONDS);
            assertEquals(401, loop.submit(succeeded::get).get(), "every write completed");
        }
    }

    @Test
    void plaintextDataSentAndReceivedAreThePayloadBytes() throws Exception {
        double[] bytes = exchangeHello(echo, false);
        assertEquals(5, bytes[0], "data_sent");
        assertEquals(5, bytes[1], "data_received");
    }

    @Test
    void tlsDataSentAndReceivedCountWhatCrossesTheWireIncludingTheHandshake() throws Exception {
        try (TargetServer tlsEcho = TargetServer.builder(TargetServer.Mode.ECHO).tls(ServerTls.selfSigned()).start()) {
            double[] bytes = exchangeHello(tlsEcho, true);
            assertTrue(bytes[0] > 200, "handshake and records, not just the 5-byte payload: " + bytes[0]);
            assertTrue(bytes[1] > 200, "server hello, certificate and records: " + bytes[1]);
        }
    }

    /**
     * The run's TLS context is built at the first TLS connect, ~0.5 s in a cold process: on a thread of its own, so the
     * loop goes on serving its other sockets, and outside the connect timer.
     */
    @Test
    void buildingTheTlsContextNeitherBlocksTheLoopNorCountsAsConnecting() throws Exception {
        long buildMillis = 1000;
        TlsContexts slow = new TlsContexts(settings -> {
            try {
                Thread.sleep(buildMillis);
                return TlsContexts.client(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TlsSettings insecure = new TlsSettings(true, List.of(), null, null, List.of(), null);
        SocketEnvironment env = new SocketEnvironment(new HostResolver(), slow, insecure);
        try (TargetServer tlsEcho = TargetServer.builder(TargetServer.Mode.ECHO).tls(ServerTls.selfSigned()).start()) {
            java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
            java.util.concurrent.atomic.AtomicLong longestGap = new java.util.concurrent.atomic.AtomicLong();
            var ticker = loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                longestGap.accumulateAndGet(now - last.getAndSet(now), Math::max);
            }, 10, 10, TimeUnit.MILLISECONDS);
            Events events = sendHello(env, tlsEcho, true);
            events.closed.get(15, TimeUnit.SECONDS);
            ticker.cancel(false);
            assertEquals(List.of("connect", "data:hello", "close"), loop.submit(() -> events.seen).get());
            assertTrue(longestGap.get() < TimeUnit.MILLISECONDS.toNanos(300),
                    "the loop kept running while the context was built; longest gap " + longestGap.get() / 1_000_000 + " ms");
            double connecting = sum(loop.submit(() -> new ArrayList<>(samples)).get(), BuiltinMetrics.TCP_SOCKET_CONNECTING);
            assertTrue(connecting > 0 && connecting < TimeUnit.MILLISECONDS.toNanos(buildMillis),
                    "connect and handshake only, not the context's " + buildMillis + " ms: " + connecting / 1e6 + " ms");
        }
    }

    @Test
    void connectTimeoutCoversTheWholeDialAndIsReportedAsAnError() throws Exception {
        // A TLS connect to a discard server never gets a ServerHello: only the timeout can end it.
        TargetServer silent = TargetServer.start(TargetServer.Mode.DISCARD, new InetSocketAddress("127.0.0.1", 0));
        Events events = new Events();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        long start = System.nanoTime();
        loop.execute(() -> {
            events.socket = new ClientSocket(loop, sink, SocketEnvironment.create(null), Tags.EMPTY, events);
            events.socket.connect(new ConnectRequest("127.0.0.1", silent.address().getPort(), true, 300, Tags.EMPTY),
                    new Completion() {
                        @Override public void succeeded() { outcome.complete("connected"); }
                        @Override public void failed(String message) { outcome.complete(message); }
                    });
        });
        String message = outcome.get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(message.contains("timed out after 300ms"), message);
        assertTrue(millis >= 250 && millis < 3000, "took " + millis + "ms");
        // No close without a connect first (xk6-tcp's order); the socket may connect again.
        assertEquals(List.of("error:connect"), loop.submit(() -> events.seen).get());
        assertEquals(SocketState.DISCONNECTED, loop.submit(() -> events.socket.state()).get());
        assertEquals(1, loop.submit(() -> samples.stream().filter(s -> s.metric() == BuiltinMetrics.TCP_ERRORS).count()).get());
        silent.close();
    }

    /** As in k6: a trusted certificate that names another host fails the handshake, unless verification is skipped. */
    @Test
    void tlsRequiresTheCertificateToNameTheHostDialled() throws Exception {
        TlsMaterial ca = TlsMaterial.newCa("test CA");
        TlsSettings trustingTheCa = new TlsSettings(false, List.of(), null, null, List.of(), ca.certificatePem());
        TlsSettings skipping = new TlsSettings(true, List.of(), null, null, List.of(), null);
        try (TargetServer wrongName = tlsEcho(ca.issue("wrong.example", "wrong.example"));
             TargetServer rightName = tlsEcho(ca.issue("localhost", TlsMaterial.LOCALHOST_NAMES.toArray(String[]::new)))) {
            for (String host : List.of("localhost", "127.0.0.1")) {
                String refused = connectOutcome(trustingTheCa, wrongName, host);
                assertTrue(refused.startsWith("TLS handshake with " + host) && refused.contains(host), refused);
                assertEquals("connected", connectOutcome(trustingTheCa, rightName, host));
                assertEquals("connected", connectOutcome(skipping, wrongName, host));
            }
        }
    }

    private static TargetServer tlsEcho(TlsMaterial identity) throws Exception {
        return TargetServer.builder(TargetServer.Mode.ECHO).listen(new InetSocketAddress("127.0.0.1", 0))
                .tls(ServerTls.of(identity)).start();
    }

    /** Connects with TLS to {@code host} at the target's port: "connected", or the failure's message. */
    private String connectOutcome(TlsSettings tls, TargetServer target, String host) throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        loop.execute(() -> {
            ClientSocket socket = new ClientSocket(loop, sink, SocketEnvironment.create(tls), Tags.EMPTY, new Events());
            socket.connect(new ConnectRequest(host, target.address().getPort(), true, 5_000, Tags.EMPTY), new Completion() {
                @Override public void succeeded() {
                    socket.destroy();
                    outcome.complete("connected");
                }
                @Override public void failed(String message) { outcome.complete(message); }
            });
        });
        return outcome.get(10, TimeUnit.SECONDS);
    }
}
