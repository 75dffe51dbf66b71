package io.loadtcp.engine.tape.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.engine.net.TlsContexts;
import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.RecordedConnection;
import io.loadtcp.engine.tape.RedisServer;
import io.loadtcp.engine.tape.TapeEvent;
import io.loadtcp.engine.tape.TapeWriter;
import io.loadtcp.engine.testing.TestMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordingProxyTest {
    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    @TempDir Path dir;

    /** Collects what the proxy reports, thread-safely. */
    static final class Log implements RecordingListener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void opened(ProxyConnection c) {
            lines.add("open " + c.label());
        }

        @Override
        public void closed(ProxyConnection c) {
            lines.add("closed " + c.label() + " " + c.endReason() + " up=" + c.bytesUp() + " down=" + c.bytesDown());
        }

        @Override
        public void refused(String client, String reason) {
            lines.add("refused " + reason);
        }

        @Override
        public void tapeFailed(String tape, IOException error) {
            lines.add("tape failed " + error.getMessage());
        }

        boolean waitFor(String prefix) throws InterruptedException {
            for (int i = 0; i < 500; i++) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(l -> l.startsWith(prefix))) return true;
                }
                Thread.sleep(10);
            }
            return false;
        }

        String first(String prefix) {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
            }
        }
    }

    static byte[] resp(String... args) {
        StringBuilder sb = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void redisCliWorksThroughTheProxyAndEveryByteIsOnTheTape() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server/redis-cli not installed");
        Path tapeFile = dir.resolve("redis.tape");
        Log log = new Log();
        try (RedisServer redis = RedisServer.start(); TapeWriter tape = TapeWriter.create(tapeFile)) {
            Route route = new Route(null, "127.0.0.1", redis.port(), tape);
            try (RecordingProxy proxy = RecordingProxy.start(ProxyConfig.plain(ANY_LOOPBACK, route), log)) {
                int port = proxy.localAddress().getPort();
                assertEquals("OK", RedisServer.cli(port, "SET", "k", "v"));
                assertEquals("v", RedisServer.cli(port, "GET", "k"));
                assertEquals("PONG", RedisServer.cli(port, "PING"));
                assertTrue(log.waitFor("closed #3"), log.lines.toString());
            }
        }
        List<RecordedConnection> conns = RecordedConnection.readAll(tapeFile, w -> { throw new AssertionError(w); });
        assertEquals(3, conns.size());
        assertArrayEquals(resp("SET", "k", "v"), conns.get(0).stream(Direction.CLIENT_TO_SERVER));
        assertArrayEquals("+OK\r\n".getBytes(StandardCharsets.US_ASCII), conns.get(0).stream(Direction.SERVER_TO_CLIENT));
        assertArrayEquals("$1\r\nv\r\n".getBytes(StandardCharsets.US_ASCII), conns.get(1).stream(Direction.SERVER_TO_CLIENT));
        assertTrue(conns.get(0).events().getFirst() instanceof TapeEvent.Opened);
        assertTrue(conns.get(0).events().getLast() instanceof TapeEvent.Closed);
        assertTrue(log.first("closed #1").contains("up=" + resp("SET", "k", "v").length + " down=5"), log.lines.toString());
    }

    @Test
    void manyConcurrentConnectionsAreRecordedSeparately() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server/redis-cli not installed");
        Path tapeFile = dir.resolve("many.tape");
        int clients = 16;
        try (RedisServer redis = RedisServer.start(); TapeWriter tape = TapeWriter.create(tapeFile)) {
            Route route = new Route(null, "127.0.0.1", redis.port(), tape);
            try (RecordingProxy proxy = RecordingProxy.start(ProxyConfig.plain(ANY_LOOPBACK, route), new Log())) {
                List<Thread> threads = new ArrayList<>();
                List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
                for (int i = 0; i < clients; i++) {
                    String value = "value-" + i + "-" + "x".repeat(i * 1000);
                    threads.add(Thread.ofVirtual().start(() -> {
                        try (Socket s = new Socket("127.0.0.1", proxy.localAddress().getPort())) {
                            s.getOutputStream().write(resp("ECHO", value));
                            byte[] expected = ("$" + value.length() + "\r\n" + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
                            assertArrayEquals(expected, s.getInputStream().readNBytes(expected.length));
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }));
                }
                for (Thread t : threads) t.join();
                assertTrue(errors.isEmpty(), errors.toString());
                Thread.sleep(200);
            }
        }
        List<RecordedConnection> conns = RecordedConnection.readAll(tapeFile, w -> {});
        assertEquals(clients, conns.size());
        for (RecordedConnection c : conns) {
            String sent = new String(c.stream(Direction.CLIENT_TO_SERVER), StandardCharsets.US_ASCII);
            String value = sent.split("\r\n")[4];
            assertEquals("$" + value.length() + "\r\n" + value + "\r\n",
                    new String(c.stream(Direction.SERVER_TO_CLIENT), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aHalfClosePassesThroughAndIsRecorded() throws Exception {
        Path tapeFile = dir.resolve("half.tape");
        try (CountingBackend backend = new CountingBackend(ServerSocketFactory.getDefault(), "plain");
                TapeWriter tape = TapeWriter.create(tapeFile)) {
            Route route = new Route(null, "127.0.0.1", backend.port(), tape);
            try (RecordingProxy proxy = RecordingProxy.start(ProxyConfig.plain(ANY_LOOPBACK, route), new Log());
                    Socket s = new Socket("127.0.0.1", proxy.localAddress().getPort())) {
                s.getOutputStream().write(new byte[100_000]);
                s.shutdownOutput();
                assertEquals("plain got 100000 bytes\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        RecordedConnection c = RecordedConnection.readAll(tapeFile, w -> {}).getFirst();
        List<String> kinds = c.events().stream().filter(e -> !(e instanceof TapeEvent.Data))
                .map(e -> e instanceof TapeEvent.HalfClose h ? "EOF " + h.direction().from() : e.getClass().getSimpleName()).toList();
        assertEquals(List.of("Opened", "EOF client", "EOF server", "Closed"), kinds);
        assertEquals(100_000, c.stream(Direction.CLIENT_TO_SERVER).length);
    }

    @Test
    void gatewayRoutesByPreambleStripsItAndRecordsEachKeyToItsOwnTape() throws Exception {
        try (CountingBackend alpha = new CountingBackend(ServerSocketFactory.getDefault(), "alpha");
                CountingBackend beta = new CountingBackend(ServerSocketFactory.getDefault(), "beta");
                TapeWriter alphaTape = TapeWriter.create(dir.resolve("alpha.tape"));
                TapeWriter betaTape = TapeWriter.create(dir.resolve("beta.tape"))) {
            List<Route> routes = List.of(new Route("alpha", "127.0.0.1", alpha.port(), alphaTape),
                    new Route("beta", "127.0.0.1", beta.port(), betaTape));
            Log log = new Log();
            try (RecordingProxy proxy = RecordingProxy.start(ProxyConfig.gateway(ANY_LOOPBACK, routes), log)) {
                int port = proxy.localAddress().getPort();
                assertEquals("alpha got 5 bytes\n", exchange(port, "TestableGateway alpha\nhello"));
                assertEquals("beta got 3 bytes\n", exchange(port, "TestableGateway beta\nabc"));
                assertEquals("beta got 0 bytes\n", exchange(port, "TestableGateway beta\r\n"));
                assertEquals("", exchange(port, "TestableGateway gamma\nabc"));
                assertTrue(log.waitFor("refused unknown gateway key \"gamma\" (known: alpha, beta)"), log.lines.toString());
                assertEquals("", exchange(port, "GET / HTTP/1.1\r\n"));
                assertTrue(log.waitFor("refused missing gateway preamble"), log.lines.toString());
                assertTrue(log.waitFor("closed [beta] #2"), log.lines.toString());
            }
        }
        List<RecordedConnection> a = RecordedConnection.readAll(dir.resolve("alpha.tape"), w -> {});
        List<RecordedConnection> b = RecordedConnection.readAll(dir.resolve("beta.tape"), w -> {});
        assertEquals(1, a.size());
        assertEquals(2, b.size());
        assertEquals("hello", new String(a.getFirst().stream(Direction.CLIENT_TO_SERVER), StandardCharsets.US_ASCII));
        assertEquals("abc", new String(b.getFirst().stream(Direction.CLIENT_TO_SERVER), StandardCharsets.US_ASCII));
    }

    /** Sends {@code text}, half-closes, returns everything the proxy sends back until it closes. */
    static String exchange(int port, String text) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (java.net.SocketException reset) {
            return "";
        }
    }

    @Test
    void tlsIsTerminatedAndOriginatedAndTheTapeHoldsPlaintext() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        Path tapeFile = dir.resolve("tls.tape");
        try (CountingBackend backend = new CountingBackend(certs.serverContext().getServerSocketFactory(), "secure");
                TapeWriter tape = TapeWriter.create(tapeFile)) {
            Route route = new Route(null, "127.0.0.1", backend.port(), tape);
            ProxyConfig config = ProxyConfig.plain(ANY_LOOPBACK, route).withTls(
                    TlsContexts.server(certs.certificate().toFile(), certs.key().toFile()), TlsContexts.client(true));
            try (RecordingProxy proxy = RecordingProxy.start(config, new Log());
                    SSLSocket s = (SSLSocket) TestCertificates.trustAll().getSocketFactory()
                            .createSocket("127.0.0.1", proxy.localAddress().getPort())) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                s.getOutputStream().write("secret".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.shutdownOutput();
                assertEquals("secure got 6 bytes\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        RecordedConnection c = RecordedConnection.readAll(tapeFile, w -> {}).getFirst();
        assertEquals("secret", new String(c.stream(Direction.CLIENT_TO_SERVER), StandardCharsets.US_ASCII));
        assertEquals("secure got 6 bytes\n", new String(c.stream(Direction.SERVER_TO_CLIENT), StandardCharsets.US_ASCII));
    }

    @Test
    void anUnreachableBackendClosesTheClientWithAReason() throws Exception {
        int closedPort = TestMachine.freeLoopbackPort();
        Log log = new Log();
        try (TapeWriter tape = TapeWriter.create(dir.resolve("none.tape"))) {
            Route route = new Route(null, "127.0.0.1", closedPort, tape);
            try (RecordingProxy proxy = RecordingProxy.start(ProxyConfig.plain(ANY_LOOPBACK, route), log)) {
                assertEquals("", exchange(proxy.localAddress().getPort(), "hi"));
                assertTrue(log.waitFor("refused cannot connect to 127.0.0.1:" + closedPort), log.lines.toString());
            }
        }
        assertEquals(0, RecordedConnection.readAll(dir.resolve("none.tape"), w -> {}).size());
    }

    @Test
    void aClientThatResetsMidStreamIsRecordedAndTheProxyKeepsServing() throws Exception {
        Path tapeFile = dir.resolve("reset.tape");
        Log log = new Log();
        try (CountingBackend backend = new CountingBackend(ServerSocketFactory.getDefault(), "ok");
                TapeWriter tape = TapeWriter.create(tapeFile)) {
            Route route = new Route(null, "127.0.0.1", backend.port(), tape);
            try (RecordingProxy proxy = RecordingProxy.start(ProxyConfig.plain(ANY_LOOPBACK, route), log)) {
                int port = proxy.localAddress().getPort();
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write("partial".getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(100);
                s.setSoLinger(true, 0);
                s.close();
                assertTrue(log.waitFor("closed #1"), log.lines.toString());
                assertEquals("ok got 2 bytes\n", exchange(port, "hi"));
            }
        }
        List<RecordedConnection> conns = RecordedConnection.readAll(tapeFile, w -> {});
        assertEquals(2, conns.size());
        assertTrue(conns.getFirst().events().stream().anyMatch(e -> e instanceof TapeEvent.Reset r
                && r.direction() == Direction.CLIENT_TO_SERVER), conns.getFirst().events().toString());
    }

    @Test
    void aTapeThatCannotBeWrittenStopsTheProxyAndKeepsWhatItHas() throws Exception {
        AtomicLong budget = new AtomicLong(120);
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        OutputStream disk = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (budget.decrementAndGet() < 0) throw new IOException("No space left on device");
                kept.write(b);
            }
        };
        Log log = new Log();
        try (CountingBackend backend = new CountingBackend(ServerSocketFactory.getDefault(), "ok");
                TapeWriter tape = new TapeWriter(disk, "full.tape", System::nanoTime)) {
            Route route = new Route(null, "127.0.0.1", backend.port(), tape);
            try (RecordingProxy proxy = RecordingProxy.start(ProxyConfig.plain(ANY_LOOPBACK, route), log)) {
                exchange(proxy.localAddress().getPort(), "x".repeat(500));
                String reason = proxy.stopRequested().get(10, TimeUnit.SECONDS);
                assertEquals("cannot write tape full.tape: No space left on device", reason);
            }
        }
        assertTrue(log.waitFor("tape failed No space left on device"));
        var reader = new io.loadtcp.engine.tape.TapeReader(new java.io.ByteArrayInputStream(kept.toByteArray()), "full.tape");
        assertTrue(reader.next() instanceof TapeEvent.Opened, "the opening was written before the disk filled");
    }
}
