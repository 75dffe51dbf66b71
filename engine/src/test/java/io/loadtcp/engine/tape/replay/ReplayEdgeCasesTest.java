package io.loadtcp.engine.tape.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.RecordedConnection;
import io.loadtcp.engine.tape.TapeEvent;
import io.loadtcp.engine.testing.TestMachine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Replays against peers that misbehave: silent, early closing, unreachable, chunking differently. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplayEdgeCasesTest {
    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** hello -> world, recorded with a millisecond before the answer. */
    static List<RecordedConnection> helloTape() {
        return List.of(new RecordedConnection(1, "127.0.0.1:1", "127.0.0.1:2", List.of(
                new TapeEvent.Opened(1, 0, "127.0.0.1:1", "127.0.0.1:2"),
                new TapeEvent.Data(1, 10, Direction.CLIENT_TO_SERVER, ascii("hel")),
                new TapeEvent.Data(1, 20, Direction.CLIENT_TO_SERVER, ascii("lo\n")),
                new TapeEvent.Data(1, 1_000_000, Direction.SERVER_TO_CLIENT, ascii("world\n")),
                new TapeEvent.HalfClose(1, 1_000_100, Direction.CLIENT_TO_SERVER),
                new TapeEvent.HalfClose(1, 1_000_200, Direction.SERVER_TO_CLIENT),
                new TapeEvent.Closed(1, 1_000_300))));
    }

    @Test
    void theServerComparesStreamsNotChunks() throws Exception {
        try (ReplayServer server = ReplayServer.start(ANY_LOOPBACK, helloTape(), ReplayOptions.defaults().withOnce(true),
                null, new ReplayListener() {});
                Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            for (byte b : ascii("hello\n")) { // one byte per write: chunking differs from the tape
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
            }
            s.shutdownOutput();
            assertEquals("world\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            ReplayReport report = server.done().get(5, TimeUnit.SECONDS);
            assertTrue(report.allMatched(), report.toString());
        }
    }

    @Test
    void aClientThatDisconnectsMidStreamFailsOnlyItsConnection() throws Exception {
        try (ReplayServer server = ReplayServer.start(ANY_LOOPBACK, helloTape(), ReplayOptions.defaults(), null,
                new ReplayListener() {})) {
            try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
                s.getOutputStream().write(ascii("hel"));
            }
            try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
                s.getOutputStream().write(ascii("hello\n"));
                s.shutdownOutput();
                assertEquals("world\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
            Thread.sleep(100);
            ReplayReport report = server.report();
            assertEquals(2, report.results().size());
            PlayResult first = report.results().stream().filter(r -> r.number() == 1).findFirst().orElseThrow();
            assertFalse(first.matched(), report.toString());
            assertTrue(first.problem().contains("the client ended its stream after 3 of 6 recorded bytes"), first.problem());
            assertEquals(1, report.matched());
        }
    }

    @Test
    void aSilentServerTimesOutInsteadOfHanging() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    Socket s = silent.accept();
                    Thread.sleep(5_000);
                    s.close();
                } catch (Exception ignored) {
                    // test over
                }
            });
            ReplayOptions fast = ReplayOptions.defaults().withMinTimeout(Duration.ofMillis(300));
            long start = System.nanoTime();
            ReplayReport report = new ReplayClient(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), fast, null)
                    .run(helloTape(), new ReplayListener() {});
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
            assertFalse(report.allMatched());
            assertTrue(report.results().getFirst().problem().startsWith("timed out after 300.000ms waiting for 6 more bytes"),
                    report.results().getFirst().problem());
        }
    }

    @Test
    void anUnreachableServerIsAnIoErrorNamingIt() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        IOException e = assertThrows(IOException.class, () -> new ReplayClient(new InetSocketAddress("127.0.0.1", port),
                ReplayOptions.defaults(), null).run(helloTape(), new ReplayListener() {}));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void delayKeepsTheRecordedTimings() throws Exception {
        List<RecordedConnection> slow = List.of(new RecordedConnection(1, "a", "b", List.of(
                new TapeEvent.Opened(1, 0, "a", "b"),
                new TapeEvent.Data(1, 10, Direction.CLIENT_TO_SERVER, ascii("x")),
                new TapeEvent.Data(1, 300_000_000, Direction.SERVER_TO_CLIENT, ascii("y")),
                new TapeEvent.Closed(1, 300_000_010))));
        try (ReplayServer server = ReplayServer.start(ANY_LOOPBACK, slow, ReplayOptions.defaults().withDelay(true), null,
                new ReplayListener() {});
                Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            long start = System.nanoTime();
            s.getOutputStream().write('x');
            assertEquals('y', s.getInputStream().read());
            assertTrue(System.nanoTime() - start >= 250_000_000L, "the answer waited for the recorded delay");
        }
    }
}
