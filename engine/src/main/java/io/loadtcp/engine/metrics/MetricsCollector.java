package io.loadtcp.engine.metrics;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gathers the per-loop recorders' intervals into the {@link MetricsStore} and hands each interval to the
 * listeners. A loop that is busy (a script stuck in a loop) is skipped for that round rather than waited for,
 * so collection never stalls; its samples arrive with a later round.
 */
public final class MetricsCollector {
    private final Map<EventLoop, LoopRecorder> recorders;
    private final SharedRecorder shared;
    private final MetricsStore store = new MetricsStore();
    private final List<MetricsListener> listeners = new CopyOnWriteArrayList<>();
    private final Object collectLock = new Object();
    /** Drains that missed a round's wait (a busy loop); merged in the round they are done. */
    private final List<Future<Drained>> pendingLate = new ArrayList<>();

    /** What one loop handed over: its interval's aggregates and, when kept, its samples (else null). */
    private record Drained(Map<Metric, Map<Tags, Aggregate>> aggregates, SampleBuffer samples) {
        static Drained from(LoopRecorder r) {
            return new Drained(r.drain(), r.takeSamples());
        }
    }

    public MetricsCollector(Map<EventLoop, LoopRecorder> recorders, SharedRecorder shared) {
        this.recorders = new IdentityHashMap<>(recorders);
        this.shared = shared;
    }

    public void addListener(MetricsListener listener) {
        listeners.add(listener);
    }

    public MetricsStore store() {
        return store;
    }

    public SharedRecorder shared() {
        return shared;
    }

    public LoopRecorder recorderFor(EventLoop loop) {
        LoopRecorder r = recorders.get(loop);
        if (r == null) throw new IllegalArgumentException("no recorder for event loop " + loop);
        return r;
    }

    /** Drains every loop (waiting at most {@code waitMillis} for each) and publishes the merged interval. */
    public void collect(long waitMillis) {
        synchronized (collectLock) {
            List<Future<Drained>> pending = new ArrayList<>();
            for (Map.Entry<EventLoop, LoopRecorder> e : recorders.entrySet()) {
                LoopRecorder r = e.getValue();
                if (e.getKey().inEventLoop()) throw new IllegalStateException("collect() must not run on an event loop");
                pending.add(e.getKey().submit(() -> Drained.from(r)));
            }
            Map<Metric, Map<Tags, Aggregate>> interval = new IdentityHashMap<>();
            List<SampleBuffer> samples = new ArrayList<>();
            MetricsStore.mergeInto(interval, shared.drain());
            addIfAny(samples, shared.takeSamples());
            for (Future<Drained> f : pending) {
                try {
                    Drained d = f.get(waitMillis, TimeUnit.MILLISECONDS);
                    MetricsStore.mergeInto(interval, d.aggregates());
                    addIfAny(samples, d.samples());
                } catch (TimeoutException busy) {
                    // The drain task stays queued; its data is merged the next time that loop answers.
                    pendingLate.add(f);
                } catch (Exception e) {
                    // A loop that was shut down has nothing more to give.
                }
            }
            for (var it = pendingLate.iterator(); it.hasNext(); ) {
                Future<Drained> f = it.next();
                if (f.isDone()) {
                    it.remove();
                    try {
                        Drained d = f.get();
                        MetricsStore.mergeInto(interval, d.aggregates());
                        addIfAny(samples, d.samples());
                    } catch (Exception ignored) {
                        // see above
                    }
                }
            }
            store.merge(interval);
            long now = System.currentTimeMillis();
            List<SampleBuffer> handedOver = List.copyOf(samples);
            for (MetricsListener l : listeners) {
                if (l instanceof SampleListener s) s.onSamples(handedOver);
                l.onInterval(now, interval, store);
            }
        }
    }

    private static void addIfAny(List<SampleBuffer> samples, SampleBuffer buffer) {
        if (buffer != null) samples.add(buffer);
    }
}
