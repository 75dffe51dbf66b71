package io.loadtcp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.loadtcp.engine.target.TargetServer;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that run until Ctrl-C (serve, record, replay server) end normally on SIGINT/SIGTERM: they clean up,
 * say what they did and exit with their own code (0), not the JVM's 130/143.
 */
class ServerSignalTest {
    @TempDir Path dir;

    private record Running(Process process, File out) {
        String text() throws Exception {
            return Files.readString(out.toPath(), StandardCharsets.UTF_8);
        }

        /** SIGTERM (what SIGINT also does), then the exit code. */
        int terminate() throws Exception {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped");
            return process.exitValue();
        }
    }

    private Running start(String ready, String... args) throws Exception {
        Path jar = Path.of("../cli/target/loadtcp.jar");
        assertTrue(Files.exists(jar), "the cli module is packaged before the samples' tests run");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString()));
        command.addAll(List.of(args));
        File out = dir.resolve("out-" + args[0] + System.nanoTime() + ".txt").toFile();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
        Running r = new Running(p, out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!r.text().contains(ready) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(r.text().contains(ready), "did not start:\n" + r.text());
        return r;
    }

    /** Whether SIGHUP (signal 1) is ignored in this process, from Linux's SigIgn mask; false where that is unknown. */
    private static boolean hangupIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 1) != 0;
        }
        return false;
    }

    private static String text(Running r) {
        try {
            return r.text();
        } catch (Exception e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** The threads of a process that does not end, from the JDK's jstack beside the java running these tests. */
    private static String threadDump(Process p) {
        try {
            Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
            Process jstack = new ProcessBuilder(java.resolveSibling("jstack").toString(), Long.toString(p.pid()))
                    .redirectErrorStream(true).start();
            String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jstack.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String exchange(int port, String message) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[message.length()];
            int n = 0;
            while (n < buf.length) n += in.read(buf, n, buf.length - n);
            return new String(buf, StandardCharsets.UTF_8);
        }
    }

    @Test
    void serveExitsZeroAndSaysWhatItServed() throws Exception {
        Running serve = start("listening on", "serve", "echo", "--listen", "127.0.0.1:0");
        try {
            assertEquals(0, serve.terminate(), serve.text());
            assertTrue(serve.text().contains("loadtcp serve: stopped; served 0 connections"), serve.text());
        } finally {
            serve.process().destroyForcibly();
        }
    }

    @Test
    void otherWaysOutStillCleanUpAndReport() throws Exception {
        assumeFalse(hangupIgnored(), "SIGHUP is ignored where these tests run (under nohup?): serve would inherit that"
                + " and ignore it too, as the JVM leaves an ignored signal alone");
        Running serve = start("written to", "serve", "echo", "--tls", "--listen", "127.0.0.1:0");
        try {
            String certFile = serve.text().replaceAll("(?s).*written to (\\S+).*", "$1");
            assertTrue(Files.exists(Path.of(certFile)), serve.text());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!serve.text().contains("listening on") && System.nanoTime() < deadline) Thread.sleep(50);
            // SIGHUP (a closed terminal) is not handled as a stop request: the JVM shuts down, and its hook stops the server.
            new ProcessBuilder("kill", "-HUP", Long.toString(serve.process().pid())).start().waitFor();
            assertTrue(serve.process().waitFor(30, TimeUnit.SECONDS), () -> "did not stop after SIGHUP:\n" + text(serve)
                    + "\n" + threadDump(serve.process()));
            assertTrue(serve.text().contains("loadtcp serve: stopped; served 0 connections"), serve.text());
            assertTrue(!Files.exists(Path.of(certFile)), "the temporary certificate is deleted: " + serve.text());
        } finally {
            serve.process().destroyForcibly();
        }
    }

    @Test
    void recordAndReplayServerExitZeroWithTheirReports() throws Exception {
        Path tape = dir.resolve("echo.tape");
        int recordPort = freePort();
        try (TargetServer echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            Running record = start("recording on", "record", "--listen", "127.0.0.1:" + recordPort,
                    "--target", "127.0.0.1:" + echo.address().getPort(), "--tape", tape.toString());
            try {
                assertEquals("hello", exchange(recordPort, "hello"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!record.text().contains("closed") && System.nanoTime() < deadline) Thread.sleep(50);
                assertEquals(0, record.terminate(), record.text());
                assertTrue(record.text().contains("stopped (interrupted)"), record.text());
            } finally {
                record.process().destroyForcibly();
            }
        }
        int replayPort = freePort();
        Running replay = start("Ctrl-C to stop", "replay", "server", "--listen", "127.0.0.1:" + replayPort, tape.toString());
        try {
            assertEquals("hello", exchange(replayPort, "hello"), "the recorded server side answers");
            Thread.sleep(200);
            assertEquals(0, replay.terminate(), replay.text());
        } finally {
            replay.process().destroyForcibly();
        }
    }
}
