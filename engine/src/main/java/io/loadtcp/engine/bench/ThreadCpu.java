package io.loadtcp.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;

/**
 * CPU time, user and system, used so far by the live threads of a name: one event-loop group's threads (Netty names
 * them {@code prefix-pool-n}), or the JIT's compiler threads. The benchmark divides it by round trips: a cost per
 * round trip that, unlike a rate, does not depend on what else shares the cores.
 */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {}

    /** Nanoseconds on a CPU of the matching threads; -1 where the JVM cannot measure thread CPU time. */
    public static long nanos(String namePrefix) {
        return nanos(name -> name.startsWith(namePrefix));
    }

    /** Nanoseconds on a CPU of the live threads whose names {@code names} accepts; -1 where unknown. */
    public static long nanos(Predicate<String> names) {
        if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) return -1;
        long total = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null || !names.test(t.getThreadName())) continue;
            long cpu = THREADS.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) total += cpu; // -1: the thread ended between the listing and the reading
        }
        return total;
    }
}
