package io.loadtcp.cli;

import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.ExternallyControlled;
import io.loadtcp.engine.executor.PerVuIterations;
import io.loadtcp.engine.executor.SharedIterations;

/**
 * One scenario's progress as text: a bar for terminals, {@code default   [=====>      ] constant-vus  10 VUs
 * 1234 it  05s/30s}, and a plain line for logs. Iteration-bound executors fill the bar by iterations, the others by
 * time.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private ProgressBar() {}

    /** How far {@code e} is, 0–1, given {@code done} iterations and {@code elapsedNanos} since it started. */
    static double fraction(Executor e, long done, long elapsedNanos) {
        long total = switch (e) {
            case SharedIterations s -> s.totalIterations();
            case PerVuIterations p -> p.totalIterations();
            default -> 0;
        };
        double f = total > 0 ? (double) done / total
                : e.plannedDuration().isZero() ? 0 : (double) elapsed(e, elapsedNanos) / e.plannedDuration().toNanos();
        return Math.max(0, Math.min(1, f));
    }

    /** {@code [=========>          ]}: {@code fraction} of {@link #WIDTH} cells. */
    static String bar(double fraction) {
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) b.append(i < filled - 1 || filled == WIDTH ? '=' : i == filled - 1 ? '>' : ' ');
        return b.append(']').toString();
    }

    /**
     * The terminal line of one scenario; {@code nameWidth} aligns the bars of several; {@code vus}: the VUs active,
     * or -1 when unknown (only the scenario's maximum is shown).
     */
    static String line(Executor e, int nameWidth, long vus, long done, long elapsedNanos) {
        double f = fraction(e, done, elapsedNanos);
        elapsedNanos = elapsed(e, elapsedNanos);
        return String.format("%-" + nameWidth + "s %s %3d%%  %s  %s  %d it  %s/%s", e.settings().name(), bar(f),
                Math.round(f * 100), e.type(), vus(e, vus), done, Units.duration(elapsedNanos / 1_000_000_000L * 1e9),
                planned(e));
    }

    /** The plain line of one scenario, for logs and CI. */
    static String plain(Executor e, long vus, long done, long elapsedNanos) {
        elapsedNanos = elapsed(e, elapsedNanos);
        return String.format("running %s/%s  %s  %s  %d iterations done",
                Units.duration(elapsedNanos / 1_000_000_000L * 1e9), planned(e),
                e.settings().name(), vus(e, vus), done);
    }

    /** Time run so far: an externally-controlled scenario's leaves its pauses out, as its duration does. */
    private static long elapsed(Executor e, long elapsedNanos) {
        return e instanceof ExternallyControlled x ? x.activeNanos() : elapsedNanos;
    }

    /** The scenario's planned duration; "∞" for one that runs until the test is stopped. */
    static String planned(Executor e) {
        return e instanceof ExternallyControlled x && x.endless() ? "∞" : Units.duration(e.plannedDuration().toNanos());
    }

    private static String vus(Executor e, long vus) {
        return vus < 0 ? "max " + e.maxVus() + " VUs" : vus + "/" + e.maxVus() + " VUs";
    }
}
