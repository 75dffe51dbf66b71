package io.loadtcp.engine.tape.record;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ServerSocketFactory;

/**
 * A test backend that answers only after the client half-closes: it reads to end of stream, then replies
 * {@code "<prefix> got N bytes\n"} and closes. A reply at all proves the half-close passed through the proxy.
 */
final class CountingBackend implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    CountingBackend(ServerSocketFactory factory, String prefix) throws IOException {
        server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> serve(s, prefix));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket s, String prefix) {
        try (s) {
            InputStream in = s.getInputStream();
            long n = 0;
            byte[] buf = new byte[8192];
            for (int r; (r = in.read(buf)) >= 0; ) n += r;
            s.getOutputStream().write((prefix + " got " + n + " bytes\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException ignored) {
            // the test will notice the missing answer
        }
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(2000);
    }
}
