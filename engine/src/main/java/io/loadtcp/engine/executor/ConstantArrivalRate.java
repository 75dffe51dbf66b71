package io.loadtcp.engine.executor;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code constant-arrival-rate}: {@code rate} iterations per {@code timeUnit} for {@code duration}; the whole test's
 * i-th iteration starts at i·timeUnit/rate, and an instance with an execution segment starts its striped share.
 */
public final class ConstantArrivalRate extends ArrivalRateExecutor {
    public static final Duration DEFAULT_TIME_UNIT = Duration.ofSeconds(1);

    private final long rate;
    private final Duration timeUnit;
    private final Duration duration;

    public ConstantArrivalRate(ScenarioSettings settings, long rate, Duration timeUnit, Duration duration,
                               int preAllocatedVus, int maxVus, ExecutionTuple tuple) {
        this(settings, rate, timeUnit, duration, preAllocatedVus, maxVus, tuple, null);
    }

    ConstantArrivalRate(ScenarioSettings settings, long rate, Duration timeUnit, Duration duration, int preAllocatedVus,
                        int maxVus, ExecutionTuple tuple, LongSupplier clock) {
        super(settings, preAllocatedVus, maxVus, tuple, clock);
        this.rate = rate;
        this.timeUnit = timeUnit == null ? DEFAULT_TIME_UNIT : timeUnit;
        this.duration = duration;
    }

    @Override
    public String type() {
        return "constant-arrival-rate";
    }

    @Override
    public Duration plannedDuration() {
        return duration;
    }

    /** Iterations the whole test (all segments) starts per second. */
    public double ratePerSecond() {
        return rate * 1e9 / timeUnit.toNanos();
    }

    @Override
    protected long offsetOf(long globalIndex) {
        if (rate <= 0) return -1;
        long unit = timeUnit.toNanos();
        long offset;
        try {
            offset = Math.multiplyExact(globalIndex, unit) / rate;
        } catch (ArithmeticException e) {
            offset = (long) ((double) globalIndex * unit / rate);
        }
        return offset < duration.toNanos() ? offset : -1;
    }
}
