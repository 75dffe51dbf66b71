package io.loadtcp.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Time the JIT compilers have spent so far: HotSpot's (C1, C2, which also compile the Graal compiler itself) as the
 * JVM reports it, plus the CPU time of Truffle's compiler threads, which compile the scripts. The benchmark prints
 * how much of it fell inside a measurement, so a figure taken while the JIT was still busy says so.
 */
record JitTime(long hotspotMillis, long truffleNanos) {
    static JitTime now() {
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        long hotspot = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long truffle = 0;
        if (threads.isThreadCpuTimeSupported()) {
            for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t == null || !t.getThreadName().startsWith("TruffleCompiler")) continue;
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu > 0) truffle += cpu;
            }
        }
        return new JitTime(hotspot, truffle);
    }

    /** Seconds of compiling between this reading and now. */
    double secondsSince() {
        JitTime later = now();
        return (later.hotspotMillis - hotspotMillis) / 1e3 + Math.max(0, later.truffleNanos - truffleNanos) / 1e9;
    }
}
