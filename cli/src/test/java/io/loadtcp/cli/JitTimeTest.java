package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JitTimeTest {
    @Test
    void knowsTheCompilerThreadsByTheirLinuxNames() {
        assertTrue(JitTime.isCompilerThread("C2 CompilerThre"));
        assertTrue(JitTime.isCompilerThread("C1 CompilerThre"));
        assertTrue(JitTime.isCompilerThread("TruffleCompiler"));
        assertFalse(JitTime.isCompilerThread("loadtcp-vu-1-1"));
        assertFalse(JitTime.isCompilerThread("GC Thread#0"));
    }

    /** The test JVM has compiled plenty by now: its compiler threads' CPU, read from /proc, cannot be zero. */
    @Test
    void readsTheCompilersCpuTime() {
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) sum += Integer.bitCount(i) * (long) i; // something for C1/C2 to compile
        assertTrue(Files.isDirectory(Path.of("/proc/self/task")), "these tests run on Linux, where /proc is read");
        long fromProc = JitTime.compilerCpuFromProc();
        assertTrue(sum != 0 && fromProc > 0, "compiler CPU from /proc: " + fromProc + " ns");
        assertTrue(JitTime.now().secondsTo(JitTime.now()) >= 0);
    }
}
