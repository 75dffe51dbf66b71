package io.loadtcp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.target.TargetServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Ctrl-C's SIGINT also does) stops a real loadtcp process gracefully: summary printed, exit 105. */
class SignalStopTest {
    @TempDir Path dir;

    @Test
    void terminationStopsTheRunGracefully() throws Exception {
        Path jar = Path.of("../cli/target/loadtcp.jar");
        assertTrue(Files.exists(jar), "the cli module is packaged before the samples' tests run");
        String java = ProcessHandle.current().info().command().orElse("java");
        try (TargetServer echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            File out = dir.resolve("out.txt").toFile();
            Process p = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "run", "scripts/echo.js", "--quiet",
                    "--vus", "2", "--duration", "60s", "-e", "PORT=" + echo.address().getPort()))
                    .redirectErrorStream(true).redirectOutput(out).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (echo.connections() < 5 && System.nanoTime() < deadline) Thread.sleep(100);
                assertTrue(echo.connections() >= 5, "the test got going");
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped within the graceful stop");
                String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
                assertEquals(105, p.exitValue(), text);
                assertTrue(text.contains("TOTAL RESULTS") && text.contains("stopped early: signal TERM"), text);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
