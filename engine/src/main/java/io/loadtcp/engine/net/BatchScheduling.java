package io.loadtcp.engine.net;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Puts event-loop threads under Linux's {@code SCHED_BATCH} policy. An event loop is a CPU-bound thread that
 * sleeps in epoll_wait; under the default policy, every thread it wakes (by sending to a peer on this machine, or
 * by handing it a task) may preempt it at once. When the load generator's loops and a target's loops share the
 * cores, as with {@code loadtcp serve} on one machine, that makes two context switches for many round trips
 * (measured on 2 cores: script VUs drive 13 % more round trips/s as batch threads). Batch threads are not preempted by such
 * wakeups; a woken thread runs when the running one blocks or its time slice ends. A woken thread still goes
 * straight to an idle core, so a machine with spare cores measures latencies as before.
 * <p>
 * Elsewhere than Linux, or with {@code -Dloadtcp.schedBatch=false}, threads keep the default policy.
 */
final class BatchScheduling {
    private static final int SCHED_BATCH = 3; // linux/sched.h
    private static final MethodHandle SCHED_SETSCHEDULER = lookup();

    private BatchScheduling() {}

    private static MethodHandle lookup() {
        if (!"false".equals(System.getProperty("loadtcp.schedBatch"))
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                return linker.defaultLookup().find("sched_setscheduler")
                        .map(address -> linker.downcallHandle(address, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                        .orElse(null);
            } catch (RuntimeException | LinkageError e) { // native access denied, or no such linker
                return null;
            }
        }
        return null;
    }

    /** Applies the policy to the calling thread; a no-op where it is off or unavailable (it only tunes speed). */
    static void applyToCurrentThread() {
        if (SCHED_SETSCHEDULER == null) return;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT); // struct sched_param { int sched_priority = 0; }
            int ignored = (int) SCHED_SETSCHEDULER.invokeExact(0, SCHED_BATCH, param); // pid 0: this thread
        } catch (Throwable e) {
            // refused (e.g. by a seccomp profile): the thread keeps the default policy
        }
    }
}
