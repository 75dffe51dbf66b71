package io.loadtcp.engine.executor;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code ramping-arrival-rate}: the rate (iterations per {@code timeUnit}) changes linearly through the stages from
 * {@code startRate}. As in k6, the whole test's n-th iteration (from 1) starts when the area under the rate curve
 * reaches n; an instance with an execution segment starts its striped share of them.
 */
public final class RampingArrivalRate extends ArrivalRateExecutor {
    private final long startRate;
    private final Duration timeUnit;
    private final List<Stage> stages;

    public RampingArrivalRate(ScenarioSettings settings, long startRate, Duration timeUnit, List<Stage> stages,
                              int preAllocatedVus, int maxVus, ExecutionTuple tuple) {
        this(settings, startRate, timeUnit, stages, preAllocatedVus, maxVus, tuple, null);
    }

    RampingArrivalRate(ScenarioSettings settings, long startRate, Duration timeUnit, List<Stage> stages,
                       int preAllocatedVus, int maxVus, ExecutionTuple tuple, LongSupplier clock) {
        super(settings, preAllocatedVus, maxVus, tuple, clock);
        this.startRate = startRate;
        this.timeUnit = timeUnit == null ? ConstantArrivalRate.DEFAULT_TIME_UNIT : timeUnit;
        this.stages = List.copyOf(stages);
    }

    @Override
    public String type() {
        return "ramping-arrival-rate";
    }

    @Override
    public Duration plannedDuration() {
        return Stage.total(stages);
    }

    @Override
    protected long offsetOf(long globalIndex) {
        double unit = timeUnit.toNanos();
        double remaining = globalIndex + 1; // the area (in iterations) at which this one is due
        double from = startRate / unit;     // iterations per nanosecond
        double stageStart = 0;
        for (Stage s : stages) {
            double d = s.duration().toNanos();
            double to = s.target() / unit;
            double area = d * (from + to) / 2;
            if (remaining <= area + 1e-9 && d > 0) {
                double t;
                if (from == to) {
                    t = remaining / from;
                } else {
                    double a = (to - from) / (2 * d); // area(t) = from·t + a·t²
                    t = (-from + Math.sqrt(Math.max(0, from * from + 4 * a * remaining))) / (2 * a);
                }
                return Math.round(stageStart + Math.min(d, t));
            }
            remaining -= area;
            stageStart += d;
            from = to;
        }
        return -1;
    }
}
