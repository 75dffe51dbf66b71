package io.loadtcp.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, user and system, used so far by the live threads whose names start with a prefix: one event-loop
 * group's threads (Netty names them {@code prefix-pool-n}). The benchmark divides it by round trips: a cost per
 * round trip that, unlike a rate, does not depend on what else shares the cores.
 */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {}

    /** Nanoseconds on a CPU of the matching threads; -1 where the JVM cannot measure thread CPU time. */
    public static long nanos(String namePrefix) {
        if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) return -1;
        long total = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null || !t.getThreadName().startsWith(namePrefix)) continue;
            long cpu = THREADS.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) total += cpu; // -1: the thread ended between the listing and the reading
        }
        return total;
    }
}
