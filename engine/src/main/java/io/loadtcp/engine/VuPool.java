package io.loadtcp.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's initialised VUs. Executors borrow VUs and give them back; {@code active} is what the {@code vus}
 * gauge reports.
 */
public final class VuPool {
    private final List<VuRunner> all;
    private final Deque<VuRunner> free;
    private final AtomicInteger active = new AtomicInteger();
    private int peakSinceSample; // guarded by this: VUs active at once at most since the gauge last looked

    VuPool(List<VuRunner> vus) {
        this.all = List.copyOf(vus);
        this.free = new ArrayDeque<>(vus);
    }

    /** Up to {@code n} free VUs (fewer when the pool runs short). */
    public synchronized List<VuRunner> acquire(int n) {
        List<VuRunner> out = new ArrayList<>(n);
        while (out.size() < n && !free.isEmpty()) out.add(free.pollFirst());
        peakSinceSample = Math.max(peakSinceSample, active.addAndGet(out.size()));
        return out;
    }

    /** A free VU or null. */
    public VuRunner tryAcquire() {
        List<VuRunner> one = acquire(1);
        return one.isEmpty() ? null : one.get(0);
    }

    public synchronized void release(VuRunner vu) {
        free.addFirst(vu);
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }

    /**
     * The most VUs active at once since the last call (at least those active now), for the vus gauge: VUs that
     * start and finish between two samples still show in its max.
     */
    public synchronized int takePeak() {
        int now = active.get();
        int peak = Math.max(peakSinceSample, now);
        peakSinceSample = now;
        return peak;
    }

    public int size() {
        return all.size();
    }

    public List<VuRunner> all() {
        return all;
    }
}
