package io.loadtcp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.engine.target.TargetServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code ./loadtcp} launcher in each of its JVM set-ups runs a real test, and talks to users only through
 * loadtcp's own output (no JVM notes about class-data archives, for instance).
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("../loadtcp").toAbsolutePath().normalize();

    @TempDir Path dir;

    @ParameterizedTest(name = "LOADTCP_JIT={0} LOADTCP_MEMORY={1}")
    // Each mode twice: a first run may link the runtime and write the class-data archive, the second uses them.
    @CsvSource({"on, ''", "on, ''", "off, ''", "off, ''", "off, lean", "on, lean"})
    void runsATestInEveryMode(String jit, String memory) throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER.toString());
        try (TargetServer echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            File out = dir.resolve("out.txt").toFile();
            ProcessBuilder pb = new ProcessBuilder(List.of(LAUNCHER.toString(), "run", "scripts/echo.js", "--quiet",
                    "--vus", "2", "--iterations", "4", "-e", "PORT=" + echo.address().getPort()))
                    .redirectErrorStream(true).redirectOutput(out);
            Map<String, String> env = pb.environment();
            env.put("LOADTCP_JIT", jit);
            env.put("LOADTCP_MEMORY", memory);
            if (memory.equals("lean")) env.put("LOADTCP_HEAP", "256m");
            Process p = pb.start();
            try {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
                String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), text);
                assertTrue(text.contains("TOTAL RESULTS") && text.contains("iterations"), text);
                assertFalse(text.contains("[cds") || text.contains("[warning]") || text.contains("[error]"),
                        "JVM notes reached the user:\n" + text);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aTapeTooBigForTheHeapIsOneLineSayingWhatHeapToGive() throws Exception {
        Path tape = dir.resolve("big.tape");
        try (io.loadtcp.engine.tape.TapeWriter w = io.loadtcp.engine.tape.TapeWriter.create(tape)) {
            int c = w.newConnection();
            w.opened(c, "127.0.0.1:40000", "127.0.0.1:6379");
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i < 96; i++) w.data(c, io.loadtcp.engine.tape.Direction.CLIENT_TO_SERVER, chunk);
            w.closed(c);
        }
        File out = dir.resolve("out.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(List.of(LAUNCHER.toString(), "tape", "describe", tape.toString()))
                .redirectErrorStream(true).redirectOutput(out);
        pb.environment().put("LOADTCP_JIT", "off");
        pb.environment().put("LOADTCP_HEAP", "48m");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8).strip();
            assertEquals(4, p.exitValue(), text);
            String last = text.substring(text.lastIndexOf('\n') + 1); // after the launcher's own notes, if any
            assertTrue(last.matches("error: tape .*big\\.tape \\(96 MiB\\) does not fit in the Java heap \\(\\d+ MiB\\): this"
                    + " command reads the whole tape into memory; run it with LOADTCP_HEAP=448m"), text);
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Outside lean mode the launcher starts the JVM from its AOT cache, with the module graph resolved in it: a
     * cache written with other JVM options than those of the launch is dropped by the JVM without a word (the
     * launcher keeps its notes quiet), and start-up is ~0.2 s slower.
     */
    @ParameterizedTest(name = "LOADTCP_JIT={0}")
    @CsvSource({"on", "off"})
    void startsFromItsAotCache(String jit) throws Exception {
        version(Map.of("LOADTCP_JIT", jit, "LOADTCP_MEMORY", "", "LOADTCP_JAVA_OPTS", "")); // may write the cache
        // LOADTCP_JAVA_OPTS come after the launcher's own options, so this logging wins over its -Xlog:aot=off.
        String text = version(Map.of("LOADTCP_JIT", jit, "LOADTCP_MEMORY", "", "LOADTCP_JAVA_OPTS", "-Xlog:aot=info"));
        assertTrue(text.contains("Using AOT-linked classes: true"), text);
        assertTrue(text.contains("full module graph: enabled"), text);
    }

    /**
     * A JDK updated in place (same folder, new release) cannot use the cache the old one wrote; the launcher notices
     * from the JDK recorded beside the cache and writes a new one, instead of every start being silently slower.
     */
    @Test
    void rewritesTheAotCacheForAnotherJdk() throws Exception {
        Map<String, String> noJit = Map.of("LOADTCP_JIT", "off", "LOADTCP_MEMORY", "", "LOADTCP_JAVA_OPTS", "");
        version(noJit); // may write the cache
        Path recorded = LAUNCHER.resolveSibling("cli/target/loadtcp-nojit.aot.jdk");
        String jdk = Files.readString(recorded);
        Files.writeString(recorded, "/opt/an-older-jdk 25.0.1+8-LTS\n");
        String text = version(noJit);
        assertTrue(text.contains("loadtcp: preparing an AOT cache"), text);
        assertEquals(jdk, Files.readString(recorded));
        text = version(Map.of("LOADTCP_JIT", "off", "LOADTCP_MEMORY", "", "LOADTCP_JAVA_OPTS", "-Xlog:aot=info"));
        assertTrue(text.contains("Using AOT-linked classes: true"), text);
        assertFalse(version(noJit).contains("preparing"), "written once");
    }

    /** A collector named in LOADTCP_JAVA_OPTS replaces the launcher's own (the JVM refuses to start with two). */
    @ParameterizedTest(name = "LOADTCP_MEMORY={0}")
    @CsvSource({"''", "lean"})
    void aCollectorInTheJavaOptionsReplacesTheLaunchersOwn(String memory) throws Exception {
        String text = version(Map.of("LOADTCP_JIT", "off", "LOADTCP_MEMORY", memory,
                "LOADTCP_JAVA_OPTS", "-XX:+UseG1GC -Xlog:gc:stdout"));
        assertTrue(text.contains("Using G1") && text.contains("loadtcp "), text);
    }

    /**
     * The default mode fixes the young generation at a quarter of the heap, at most 256 MB and at least 16 MB (a
     * growing one paused every collection for tens of milliseconds: README, Performance); lean mode keeps 16 MB.
     */
    @ParameterizedTest(name = "LOADTCP_HEAP={0} LOADTCP_MEMORY={1}")
    @CsvSource({"400m, '', 100", "2g, '', 256", "40m, '', 16", "256m, lean, 16"})
    void sizesTheYoungGenerationFromTheHeap(String heap, String memory, long youngMb) throws Exception {
        String text = version(Map.of("LOADTCP_JIT", "off", "LOADTCP_MEMORY", memory, "LOADTCP_HEAP", heap,
                "LOADTCP_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
        String bytes = Long.toString(youngMb * 1024 * 1024);
        assertTrue(text.matches("(?s).*size_t NewSize +=  *" + bytes + " .*"), text);
        assertTrue(text.matches("(?s).*size_t MaxNewSize +=  *" + bytes + " .*"), text);
        assertFalse(text.contains("[warning]"), text);
    }

    /** Runs {@code loadtcp version} with {@code env} added to this JVM's environment; returns its output (exit 0). */
    private String version(Map<String, String> env) throws Exception {
        File out = dir.resolve("version.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(List.of(LAUNCHER.toString(), "version"))
                .redirectErrorStream(true).redirectOutput(out);
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String text = Files.readString(out.toPath());
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /** Linux: LOADTCP_SCHED=batch starts every thread of the JVM under SCHED_BATCH (policy 3); by default they keep 0. */
    @ParameterizedTest(name = "LOADTCP_SCHED={0}")
    @CsvSource({"batch, 3", "normal, 0", "'', 0"})
    void startsTheJvmAsBatchThreadsWhenAsked(String sched, int policy) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
        assumeTrue(new ProcessBuilder("chrt", "--batch", "0", "true").start().waitFor() == 0, "needs chrt");
        File out = dir.resolve("serve.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(List.of(LAUNCHER.toString(), "serve", "echo", "--listen", "127.0.0.1:0"))
                .redirectErrorStream(true).redirectOutput(out);
        pb.environment().put("LOADTCP_SCHED", sched);
        pb.environment().put("LOADTCP_JIT", "off");
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out.toPath()).contains("listening on") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(out.toPath()).contains("listening on"), Files.readString(out.toPath()));
            List<String> threads = new ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc/" + p.pid() + "/task"))) {
                for (Path task : tasks.toList()) {
                    String stat = Files.readString(task.resolve("stat"));
                    // proc(5): field 41 is the policy; fields are counted after the ")" that ends the thread's name
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    if (Integer.parseInt(fields[41 - 3]) != policy) threads.add(stat.substring(0, stat.lastIndexOf(')') + 1));
                }
            }
            assertTrue(threads.isEmpty(), "threads without policy " + policy + ": " + threads);
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
