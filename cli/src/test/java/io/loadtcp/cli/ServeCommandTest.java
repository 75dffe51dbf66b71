package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.target.TlsMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("loadtcp serve: (\\w+) listening on (\\S+):(\\d+)(.*)");

    @Test
    void echoPrintsWhereItListensServesAndReportsOnStop() throws Exception {
        try (Running serve = Running.start("serve", "echo", "--listen", "127.0.0.1:0")) {
            Matcher line = serve.awaitListening();
            assertEquals("echo", line.group(1));
            assertEquals("127.0.0.1", line.group(2));
            assertEquals("", line.group(4), "no (tls) for a plain server");
            try (Socket socket = new Socket(line.group(2), Integer.parseInt(line.group(3)))) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("ping\n".getBytes());
                assertArrayEquals("ping\n".getBytes(), socket.getInputStream().readNBytes(5));
            }
            assertEquals(ExitCodes.OK, serve.stop());
            assertTrue(serve.out().contains("loadtcp serve: stopped; served 1 connections, 5 bytes received, 5 bytes sent"), serve.out());
        }
    }

    @Test
    void tlsWritesTheGeneratedCertificateThatClientsTrust(@TempDir Path dir) throws Exception {
        Path certFile = dir.resolve("serve-cert.pem");
        try (Running serve = Running.start("serve", "echo", "--listen", "127.0.0.1:0", "--tls", "--write-cert", certFile.toString())) {
            Matcher line = serve.awaitListening();
            assertEquals(" (tls)", line.group(4));
            assertTrue(serve.out().contains("self-signed certificate for localhost, 127.0.0.1, ::1 written to " + certFile), serve.out());
            try (SSLSocket socket = (SSLSocket) trusting(certFile).getSocketFactory().createSocket("127.0.0.1", Integer.parseInt(line.group(3)))) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("secret".getBytes());
                assertArrayEquals("secret".getBytes(), socket.getInputStream().readNBytes(6));
            }
            assertEquals(ExitCodes.OK, serve.stop());
            assertTrue(Files.exists(certFile), "a certificate written where the user asked is kept");
        }
    }

    @Test
    void badListenAddressIsOneLineConfigError() {
        for (String bad : new String[] {"nonsense", "127.0.0.1:", "127.0.0.1:99999", "::1:7007", "no-such-host.invalid:7007"}) {
            Result r = execute("serve", "echo", "--listen", bad);
            assertEquals(ExitCodes.INVALID_CONFIG, r.code, bad + ": " + r.err);
            assertTrue(r.err.startsWith("error: --listen '" + bad + "'"), r.err);
            assertEquals(1, r.err.strip().lines().count(), r.err);
        }
    }

    @Test
    void aPortInUseIsAnIoError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Result r = execute("serve", "discard", "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertEquals(ExitCodes.IO_ERROR, r.code, r.err);
            assertEquals("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use", r.err.strip());
        }
    }

    @Test
    void inconsistentTlsOptionsAreRejected(@TempDir Path dir) throws Exception {
        Path ca = TlsMaterial.newCa("ca").writeCertificatePem(dir.resolve("ca.pem"));
        Result noTls = execute("serve", "echo", "--listen", "127.0.0.1:0", "--client-ca", ca.toString());
        assertEquals(ExitCodes.INVALID_CONFIG, noTls.code, noTls.err);
        assertTrue(noTls.err.contains("--client-ca needs TLS"), noTls.err);

        Result certOnly = execute("serve", "echo", "--listen", "127.0.0.1:0", "--cert", ca.toString());
        assertEquals(ExitCodes.INVALID_CONFIG, certOnly.code, certOnly.err);

        Path missing = dir.resolve("missing.pem");
        Result missingFile = execute("serve", "echo", "--listen", "127.0.0.1:0", "--cert", missing.toString(), "--key", missing.toString());
        assertEquals(ExitCodes.IO_ERROR, missingFile.code, missingFile.err);
        assertEquals("error: cannot read " + missing + ": no such file or folder", missingFile.err.strip());
    }

    @Test
    void serveIsListedInHelp() {
        Result r = execute("--help");
        assertTrue(r.out.contains("serve"), r.out);
        assertFalse(execute("serve", "--help").out.isEmpty());
    }

    private static SSLContext trusting(Path certFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("serve", TlsMaterial.readCertificates(certFile).getFirst());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private record Result(int code, String out, String err) {}

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LoadTcpCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A serve command running on its own thread, stopped by interrupting it. */
    private static final class Running implements AutoCloseable {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger code = new AtomicInteger(Integer.MIN_VALUE);
        private final Thread thread;

        private Running(String... args) {
            CommandLine cli = LoadTcpCommand.newCommandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            thread = Thread.ofPlatform().name("serve-under-test").start(() -> code.set(cli.execute(args)));
        }

        static Running start(String... args) {
            return new Running(args);
        }

        Matcher awaitListening() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Matcher m = LISTENING.matcher(out.toString());
                if (m.find()) return m;
                if (!thread.isAlive()) break;
                Thread.sleep(10);
            }
            throw new AssertionError("serve did not print where it listens; out: " + out + " err: " + err);
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertFalse(thread.isAlive(), "serve stops when interrupted");
            return code.get();
        }

        String out() {
            return out.toString();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (thread.isAlive()) stop();
        }
    }
}
