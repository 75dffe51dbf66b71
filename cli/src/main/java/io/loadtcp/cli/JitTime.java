package io.loadtcp.cli;

import io.loadtcp.engine.bench.ThreadCpu;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU the JIT compilers have used so far: HotSpot's C1 and C2 (which also compile the Graal compiler itself) and
 * Truffle's compiler threads (which compile the scripts). The benchmark prints how much of it fell inside a
 * measurement, so a figure taken while the JIT was still busy says so.
 *
 * <p>On Linux it is read per thread from {@code /proc/self/task/<tid>/schedstat} (nanoseconds on a CPU). Elsewhere
 * it falls back to the JVM's accumulated compilation time, which is elapsed time: a compile waiting for a core
 * still counts, so there the figure is an upper bound.
 */
record JitTime(long nanos) {
    private static final Path TASKS = Path.of("/proc/self/task");

    static JitTime now() {
        long fromProc = compilerCpuFromProc();
        return new JitTime(fromProc >= 0 ? fromProc : fromManagementBeans());
    }

    /** Seconds of compiling between this reading and {@code later} (never negative: a compiler thread may end). */
    double secondsTo(JitTime later) {
        return Math.max(0, later.nanos - nanos) / 1e9;
    }

    /** Is a thread named so (Linux truncates names to 15 characters) one of the JIT's? */
    static boolean isCompilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
                || name.startsWith("JVMCI") || name.startsWith("TruffleCompiler");
    }

    /** CPU nanoseconds of the live compiler threads, or -1 without /proc. */
    static long compilerCpuFromProc() {
        if (!Files.isDirectory(TASKS)) return -1;
        long total = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!isCompilerThread(Files.readString(task.resolve("comm")).strip())) continue;
                    String schedstat = Files.readString(task.resolve("schedstat")).strip();
                    total += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: its time is gone either way
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private static long fromManagementBeans() {
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        long hotspotNanos = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() * 1_000_000L : 0;
        long truffle = ThreadCpu.nanos(JitTime::isCompilerThread);
        return hotspotNanos + Math.max(0, truffle);
    }
}
