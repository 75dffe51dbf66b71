package io.loadtcp.engine.executor;

import io.loadtcp.engine.VuPool;
import io.loadtcp.engine.metrics.MetricSink;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** What a running executor may use: the VU pool, the control thread's timer, a sink off the loops, the stop signal. */
public record ExecutionContext(VuPool pool, ScheduledExecutorService timer, MetricSink controlSink,
                               AtomicLong iterationsInInstance, StopSignal stop) {}
