package io.loadtcp.engine.tape;

import io.loadtcp.engine.testing.TestMachine;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real redis-server for a test, on a free loopback port, killed on close; redis-cli runs against any port. */
public final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether redis-server and redis-cli are on the PATH (CI installs them; see .ci/run). */
    public static boolean available() {
        return TestMachine.onPath("redis-server") && TestMachine.onPath("redis-cli");
    }

    public static RedisServer start() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--save", "", "--appendonly", "no",
                "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new RedisServer(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) throw new IllegalStateException("redis-server exited with " + p.exitValue());
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    public int port() {
        return port;
    }

    /** Runs {@code redis-cli -h 127.0.0.1 -p PORT args...} and returns its output (stdout and stderr). */
    public static String cli(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-cli " + String.join(" ", args) + " did not finish within 15 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    public String cli(String... args) throws Exception {
        return cli(port, args);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
