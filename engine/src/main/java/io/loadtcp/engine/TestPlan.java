package io.loadtcp.engine;

import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.metrics.MetricRegistry;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.net.TlsSettings;
import io.loadtcp.engine.net.Transports;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link TestRun} needs: the scenarios' executors, who makes the VUs, how many event loops, the TLS
 * settings, and who listens to the metrics as they are collected.
 */
public record TestPlan(List<Executor> executors, VirtualUserFactory vuFactory, int eventLoops, TlsSettings tls,
                       MetricRegistry metrics, List<MetricsListener> listeners, Duration collectInterval) {
    public TestPlan {
        executors = List.copyOf(executors);
        if (executors.isEmpty()) throw new IllegalArgumentException("a test needs at least one scenario");
        if (eventLoops <= 0) eventLoops = Transports.defaultLoopCount();
        if (tls == null) tls = TlsSettings.DEFAULT;
        if (metrics == null) metrics = new MetricRegistry();
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        if (collectInterval == null) collectInterval = Duration.ofSeconds(1);
    }

    /** VUs to initialise: enough for every scenario to have its maximum at once. */
    public int maxVus() {
        return executors.stream().mapToInt(Executor::maxVus).sum();
    }
}
