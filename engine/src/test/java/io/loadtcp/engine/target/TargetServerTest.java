package io.loadtcp.engine.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TargetServerTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void echoReturnsExactlyWhatWasSentIncludingLargePayloads() throws Exception {
        try (TargetServer server = TargetServer.start(TargetServer.Mode.ECHO, LOOPBACK_ANY_PORT)) {
            assertTrue(server.address().getPort() > 0, "an ephemeral port was bound");
            byte[] small = "hello\n".getBytes();
            byte[] large = randomBytes(3 * 1024 * 1024 + 17, 1); // far beyond socket buffers: needs backpressure
            try (Socket socket = connect(server.address())) {
                assertArrayEquals(small, exchange(socket, small));
                assertArrayEquals(large, exchange(socket, large));
            }
            awaitClosedConnections(server);
            assertEquals(1, server.connections());
            assertEquals(small.length + large.length, server.bytesReceived());
            assertEquals(small.length + large.length, server.bytesSent());
        }
    }

    @Test
    void echoServesManyConcurrentConnectionsWithoutMixingThem() throws Exception {
        int connections = 50;
        int size = 100 * 1024;
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO).listen(LOOPBACK_ANY_PORT).workerThreads(2).start();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                byte[] payload = randomBytes(size, i);
                done.add(pool.submit(() -> {
                    try (Socket socket = connect(server.address())) {
                        assertArrayEquals(payload, exchange(socket, payload));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
            awaitClosedConnections(server);
            assertEquals(connections, server.connections());
            assertEquals((long) connections * size, server.bytesSent());
        }
    }

    @Test
    void discardReadsEverythingAndSendsNothing() throws Exception {
        try (TargetServer server = TargetServer.start(TargetServer.Mode.DISCARD, LOOPBACK_ANY_PORT);
             Socket socket = connect(server.address())) {
            socket.getOutputStream().write(randomBytes(1024 * 1024, 2));
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            assertEquals(-1, socket.getInputStream().read(), "discard sends nothing back, then closes when we are done");
            assertEquals(1024 * 1024, server.bytesReceived());
            assertEquals(0, server.bytesSent());
        }
    }

    @Test
    void bindingAPortInUseFailsWithTheReason() throws Exception {
        try (TargetServer first = TargetServer.start(TargetServer.Mode.ECHO, LOOPBACK_ANY_PORT)) {
            BindException e = assertThrows(BindException.class,
                    () -> TargetServer.start(TargetServer.Mode.ECHO, first.address()).close());
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
        }
    }

    @Test
    void closeStopsListeningAndDropsOpenConnections() throws Exception {
        TargetServer server = TargetServer.start(TargetServer.Mode.ECHO, LOOPBACK_ANY_PORT);
        InetSocketAddress address = server.address();
        try (Socket open = connect(address)) {
            exchange(open, new byte[] {1, 2, 3});
            server.close();
            server.close(); // idempotent
            open.setSoTimeout(5_000);
            assertEquals(-1, readOrEof(open.getInputStream()), "open connections are closed");
            assertThrows(IOException.class, () -> connect(address).close(), "nothing listens any more");
        }
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Writes {@code payload} from another thread while reading the same number of bytes back. */
    static byte[] exchange(Socket socket, byte[] payload) throws Exception {
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(payload);
                out.flush();
            } catch (IOException ignored) {
                // the reader sees the short read
            }
        });
        byte[] back = socket.getInputStream().readNBytes(payload.length);
        writer.join();
        return back;
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static int readOrEof(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1; // a reset is as closed as an EOF
        }
    }

    /** Counters for a connection are final once the server has seen it close. */
    static void awaitClosedConnections(TargetServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.openConnections() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(0, server.openConnections(), "the server saw every connection close");
    }
}
