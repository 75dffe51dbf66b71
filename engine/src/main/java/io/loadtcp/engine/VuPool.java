package io.loadtcp.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's initialised VUs. Executors borrow VUs and give them back; {@code active} is what the {@code vus}
 * gauge reports, {@link #size()} what {@code vus_max} reports. The pool can grow during the run (k6's
 * externally-controlled executor raising its maxVUs).
 */
public final class VuPool {
    private final List<VuRunner> all;
    private final Deque<VuRunner> free;
    private final AtomicInteger active = new AtomicInteger();
    private int peakSinceSample; // guarded by this: VUs active at once at most since the gauge last looked
    private final VuSource more;
    private final Object growing = new Object(); // one growth at a time, so that VU ids follow on
    private boolean retired; // guarded by growing

    VuPool(List<VuRunner> vus, VuSource more) {
        this.all = new CopyOnWriteArrayList<>(vus);
        this.free = new ArrayDeque<>(vus);
        this.more = more;
    }

    /** Initialises VUs during the run. */
    public interface VuSource {
        /** VUs {@code firstId} to {@code firstId + count - 1}, initialised; throws when one cannot be. */
        List<VuRunner> create(int firstId, int count);
    }

    /**
     * Initialises {@code count} more VUs and makes them free. Blocks the caller while their init code runs on their
     * loops (not a loop thread: the pool's lock is not held meanwhile, so the loops go on running and returning VUs).
     */
    public void grow(int count) {
        if (count <= 0) return;
        synchronized (growing) {
            if (retired) throw new IllegalStateException("the test has ended");
            List<VuRunner> added = more.create(all.size() + 1, count);
            synchronized (this) {
                all.addAll(added);
                added.forEach(free::addLast);
            }
        }
    }

    /** Up to {@code n} free VUs (fewer when the pool runs short). */
    public synchronized List<VuRunner> acquire(int n) {
        List<VuRunner> out = new ArrayList<>(n);
        while (out.size() < n && !free.isEmpty()) out.add(free.pollFirst());
        peakSinceSample = Math.max(peakSinceSample, active.addAndGet(out.size()));
        return out;
    }

    /**
     * Every VU, for closing them at the end of the run; the pool grows no more (a growth under way finishes first, so
     * that none of its VUs is left open).
     */
    List<VuRunner> retire() {
        synchronized (growing) {
            retired = true;
            return List.copyOf(all);
        }
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
}
