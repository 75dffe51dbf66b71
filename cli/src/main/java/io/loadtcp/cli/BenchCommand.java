package io.loadtcp.cli;

import io.loadtcp.engine.RunResult;
import io.loadtcp.engine.TestPlan;
import io.loadtcp.engine.TestRun;
import io.loadtcp.engine.bench.RawEchoLoad;
import io.loadtcp.engine.bench.ThreadCpu;
import io.loadtcp.engine.executor.ConstantArrivalRate;
import io.loadtcp.engine.executor.PerVuIterations;
import io.loadtcp.engine.executor.ScenarioSettings;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.target.TargetServer;
import io.loadtcp.script.ScriptConsole;
import io.loadtcp.script.ScriptProgram;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loadtcp bench}: the figures in the README. Starts the echo target, then measures (b) a raw Netty closed
 * loop and (a) the same load from JavaScript VUs, and prints both rates and their ratio; {@code --scale N}
 * instead holds N connections (one per VU) and prints peak memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark loadtcp on this machine against its own echo target (loopback only).",
                "Default: 100 VUs in a closed 64-byte request/response loop, JavaScript vs. raw Netty.",
                "--scale N: N VUs each holding one connection, a message a second; prints peak memory.",
                "--arrival-rate N: the open-model scheduler at N iterations/s; prints target vs achieved."})
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    private static final int RAW_WARMUP_SECONDS = 10;
    // The VUs' loop outlasts the measured window by this much, so the window ends while every VU is still looping
    // (its end is the first metrics collection after it is due, up to a second late).
    private static final int CLOSED_LOOP_TAIL_SECONDS = 3;
    // How much the raw rate may differ before and after (a) before the benchmark says its ratios are unreliable.
    private static final double DRIFT_WARNING = 0.10;

    @Option(names = "--vus", description = "Connections / VUs for the throughput comparison (default ${DEFAULT-VALUE}).")
    int vus = 100;

    @Option(names = "--duration", description = "Measured seconds per side (default ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--warmup", description = "Seconds of JavaScript warm-up before measuring, for the JIT (default ${DEFAULT-VALUE}).")
    int warmup = 15;

    @Option(names = "--event-loops", paramLabel = "N",
            description = "Client event loops, the same for the raw client and the VUs (default: one per core).")
    int eventLoops;

    @Option(names = "--scale", paramLabel = "N", description = "Hold N connections instead (e.g. 10000).")
    int scale;

    @Option(names = "--arrival-rate", paramLabel = "PER_SECOND",
            description = "Instead: a trivial script under constant-arrival-rate at this rate for --duration seconds"
                    + " (--vus VUs); prints the target and achieved rates and their deviation.")
    int arrivalRate;

    @Option(names = "--target", paramLabel = "127.0.0.1:PORT",
            description = "An echo target already running (e.g. `loadtcp serve echo`) instead of one in this process:"
                    + " with --scale so both sides' sockets do not share one file-descriptor limit; for the throughput"
                    + " comparison so the target can run on cores of its own (taskset). Loopback only.")
    String target;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        if (target != null) {
            InetSocketAddress address = loopbackTarget(target);
            out.printf("echo target %s (separate process); JIT %s; %d cores%n", address, jitState(),
                    Runtime.getRuntime().availableProcessors());
            if (arrivalRate > 0) throw new UserError(ExitCodes.USAGE, "--target is for --scale and the throughput comparison");
            try {
                return scale > 0 ? scale(address, null, out) : throughput(address, out);
            } catch (ConnectException e) {
                throw new UserError(ExitCodes.IO_ERROR, e.getMessage() + " (start one with `loadtcp serve echo --listen "
                        + target + "`)", e);
            }
        }
        try (TargetServer echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            out.printf("echo target on %s; JIT %s; %d cores%n", echo.address(), jitState(),
                    Runtime.getRuntime().availableProcessors());
            out.flush();
            if (arrivalRate > 0) return arrivalRate(out);
            return scale > 0 ? scale(echo.address(), echo, out) : throughput(echo.address(), out);
        }
    }

    /** Every option out of range, in one line, before anything starts. */
    private void checkOptions() {
        List<String> problems = new ArrayList<>();
        if (vus < 1) problems.add("--vus must be at least 1, was " + vus);
        if (seconds < 1) problems.add("--duration must be at least 1 (seconds), was " + seconds);
        if (warmup < 0) problems.add("--warmup must not be negative, was " + warmup);
        if (eventLoops < 0) problems.add("--event-loops must not be negative, was " + eventLoops);
        if (scale < 0) problems.add("--scale must not be negative, was " + scale);
        if (arrivalRate < 0) problems.add("--arrival-rate must not be negative, was " + arrivalRate);
        if (!problems.isEmpty()) throw new UserError(ExitCodes.INVALID_CONFIG, String.join("; ", problems));
    }

    private int throughput(InetSocketAddress echo, PrintWriter out) throws Exception {
        // The raw client warms up too: measured from a cold JVM it would share its first seconds with the JIT
        // compiling Netty, and a baseline measured low flatters the ratio.
        int rawWarmup = Math.min(warmup, RAW_WARMUP_SECONDS);
        if (rawWarmup > 0) {
            RawEchoLoad.Result w = rawLoad(echo, rawWarmup).run();
            out.printf(Locale.ROOT, "    raw warm-up    : %,.0f round-trips/s over %ds (not counted)%n", w.roundTripsPerSecond(), rawWarmup);
            out.flush();
        }
        RawEchoLoad.Result rawBefore = rawLoad(echo, seconds).run();
        printRaw(out, "(b) raw Netty    ", rawBefore);
        // One run: every VU connects once and loops through the warm-up and the measurement on that connection; the
        // rate is read between two collections inside the run, so start-up and shutdown are not measured.
        CounterWindow window;
        try (ScriptProgram program = program("closed-loop.js", echo, warmup + seconds + CLOSED_LOOP_TAIL_SECONDS)) {
            window = runClosedLoop(program, vus, warmup, seconds);
        }
        if (!window.complete()) {
            throw new UserError(ExitCodes.IO_ERROR, "the JavaScript VUs stopped before the measurement ended"
                    + " (their connections failed or closed: is the echo target still running?)");
        }
        if (warmup > 0) {
            out.printf(Locale.ROOT, "    JS warm-up     : %,.0f round-trips/s over %ds (not counted)%n", window.rateBefore(), warmup);
        }
        double js = window.rate();
        double jsCpu = window.cpuNanosPerCount();
        out.printf(Locale.ROOT, "(a) JavaScript VUs: %,.0f round-trips/s (%d VUs, %.1fs); event loops' CPU %s per round trip%n",
                js, vus, window.seconds(), micros(jsCpu));
        // Still compiling means (a) is not yet the steady state: on few cores the compiler takes CPU from the VUs.
        out.printf(Locale.ROOT, "    JIT compiling during (a): %.1f s of compiler CPU (a longer --warmup lowers it)%n",
                window.jitSeconds());
        out.flush();
        // (b) again after (a): on a shared machine the speed available drifts over minutes, and (a) is compared with
        // the mean of the two, which brackets it in time; their difference says how far the figures can be trusted.
        RawEchoLoad.Result rawAfter = rawLoad(echo, seconds).run();
        printRaw(out, "(b) again, after ", rawAfter);
        double raw = (rawBefore.roundTripsPerSecond() + rawAfter.roundTripsPerSecond()) / 2;
        double rawCpu = (rawBefore.loopCpuNanosPerRoundTrip() + rawAfter.loopCpuNanosPerRoundTrip()) / 2;
        double drift = rawAfter.roundTripsPerSecond() / rawBefore.roundTripsPerSecond() - 1;
        out.printf(Locale.ROOT, "ratio (a)/(b)     : %.2f (against the mean of both (b): %,.0f round-trips/s)%n", js / raw, raw);
        // Round trips per CPU second of the client's own loops: the client's efficiency, whatever shares the cores
        // (on few cores a slower client also leaves the target idle and costs it wake-ups, which the rates show).
        double cpuRatio = rawCpu / jsCpu;
        if (!Double.isNaN(cpuRatio)) {
            out.printf(Locale.ROOT, "per CPU (a)/(b)   : %.2f (round trips per CPU second of the client's event loops)%n", cpuRatio);
        }
        if (Math.abs(drift) > DRIFT_WARNING) {
            out.printf(Locale.ROOT, "    (b) changed by %+.0f%% between before and after (a): this machine's speed varied"
                    + " during the benchmark, so the ratios are unreliable; run it again%n", 100 * drift);
        }
        return ExitCodes.OK;
    }

    private void printRaw(PrintWriter out, String label, RawEchoLoad.Result raw) {
        out.printf(Locale.ROOT, "%s: %,.0f round-trips/s (%d connections, %ds); event loops' CPU %s per round trip%n",
                label, raw.roundTripsPerSecond(), vus, seconds, micros(raw.loopCpuNanosPerRoundTrip()));
        out.flush();
    }

    private static String micros(double nanos) {
        return Double.isNaN(nanos) ? "unknown" : String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    }

    private RawEchoLoad rawLoad(InetSocketAddress echo, int secs) {
        RawEchoLoad load = new RawEchoLoad(echo, vus, Duration.ofSeconds(secs));
        if (eventLoops > 0) load.eventLoops(eventLoops); // else one per core, as the VUs' TestPlan
        return load;
    }

    private static InetSocketAddress loopbackTarget(String text) {
        int colon = text.lastIndexOf(':');
        try {
            InetSocketAddress a = new InetSocketAddress(java.net.InetAddress.getByName(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1)));
            if (!a.getAddress().isLoopbackAddress()) throw new UserError(ExitCodes.INVALID_CONFIG, "--target must be a loopback address");
            return a;
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof UserError u) throw u;
            throw new UserError(ExitCodes.INVALID_CONFIG, "invalid --target " + text + " (use 127.0.0.1:PORT)");
        }
    }

    private int scale(InetSocketAddress address, TargetServer echo, PrintWriter out) throws Exception {
        int holdSeconds = seconds;
        try (ScriptProgram program = program("hold-connections.js", address, holdSeconds)) {
            long started = System.nanoTime();
            ScriptRate r = runScript(program, scale, holdSeconds);
            out.printf(Locale.ROOT, "%d VUs held %d connections for %ds in %.1fs; %,.0f messages/s%s%n",
                    scale, (long) r.sockets, holdSeconds, (System.nanoTime() - started) / 1e9, r.rate,
                    echo == null ? "" : "; connections at target " + echo.connections());
            out.printf(Locale.ROOT, "peak resident memory (VmHWM): %s; heap used now: %s%n", peakRss(),
                    Units.bytes(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
        }
        return ExitCodes.OK;
    }

    /** How close the open-model scheduler gets to its target rate with iterations that do nothing. */
    private int arrivalRate(PrintWriter out) throws Exception {
        Path dir = Files.createTempDirectory("loadtcp-bench");
        Path script = dir.resolve("trivial.js");
        Files.writeString(script, "export default function () {}\n");
        script.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true);
        try (ScriptProgram program = ScriptProgram.load(script, Map.of(), new ScriptConsole(err, true, false), List.of())) {
            if (warmup > 0) runArrival(program, Math.min(warmup, 5));
            ArrivalFigures f = runArrival(program, seconds);
            double arrivals = f.started + f.dropped / seconds; // every due iteration either starts or is dropped
            out.printf(Locale.ROOT, "constant-arrival-rate, %d VUs, %ds: target %,d it/s; scheduler %,.0f it/s (%+.2f%%);"
                            + " started on a VU %,.0f it/s (%+.2f%%); completed %,.0f it/s; dropped %,.0f;"
                            + " iteration_duration p(95) %s%n",
                    vus, seconds, arrivalRate, arrivals, 100 * (arrivals - arrivalRate) / arrivalRate, f.started,
                    100 * (f.started - arrivalRate) / arrivalRate, f.completed, f.dropped, f.p95);
        }
        return ExitCodes.OK;
    }

    private record ArrivalFigures(double started, double completed, double dropped, String p95) {}

    private ArrivalFigures runArrival(ScriptProgram program, int secs) {
        ScenarioSettings settings = new ScenarioSettings("bench", null, Duration.ofSeconds(5), null, null, null);
        ConstantArrivalRate executor = new ConstantArrivalRate(settings, arrivalRate, Duration.ofSeconds(1),
                Duration.ofSeconds(secs), vus, vus, null);
        TestPlan plan = new TestPlan(List.of(executor), program.vuFactory(), 0, null, null, List.of(), null);
        RunResult result = new TestRun(plan).run();
        CounterAggregate done = (CounterAggregate) result.metrics().aggregate(BuiltinMetrics.ITERATIONS);
        CounterAggregate dropped = (CounterAggregate) result.metrics().aggregate(BuiltinMetrics.DROPPED_ITERATIONS);
        var duration = result.metrics().aggregate(BuiltinMetrics.ITERATION_DURATION);
        String p95 = duration instanceof io.loadtcp.engine.metrics.TrendAggregate t
                ? Units.duration(t.percentile(95)) : "n/a";
        return new ArrivalFigures(executor.iterationsStarted() / (double) secs,
                done == null ? 0 : done.sum() / secs, dropped == null ? 0 : dropped.sum(), p95);
    }

    private record ScriptRate(double rate, double sockets) {}

    /**
     * Runs the closed loop once per VU (the script loops for the whole time given to the program) and measures its
     * write rate from {@code warmupSecs} after the start for {@code secs}: one write per round trip.
     */
    private CounterWindow runClosedLoop(ScriptProgram program, int n, int warmupSecs, int secs) {
        ScenarioSettings settings = new ScenarioSettings("bench", null, Duration.ofSeconds(10), null, null, null);
        PerVuIterations executor = new PerVuIterations(settings, n, 1,
                Duration.ofSeconds(warmupSecs + secs + CLOSED_LOOP_TAIL_SECONDS + 30));
        CounterWindow window = new CounterWindow(BuiltinMetrics.TCP_WRITES, executor, Duration.ofSeconds(warmupSecs),
                Duration.ofSeconds(secs), () -> ThreadCpu.nanos(TestRun.LOOP_THREAD_PREFIX));
        new TestRun(new TestPlan(List.of(executor), program.vuFactory(), eventLoops, null, null, List.of(window), null)).run();
        return window;
    }

    private ScriptRate runScript(ScriptProgram program, int n, int secs) {
        ScenarioSettings settings = new ScenarioSettings("bench", null, Duration.ofSeconds(10), null, null, null);
        TestPlan plan = new TestPlan(List.of(new PerVuIterations(settings, n, 1, Duration.ofSeconds(secs + 120))),
                program.vuFactory(), 0, null, null, List.of(), null);
        // the script reads its duration from __ENV, set when the program was loaded
        RunResult result = new TestRun(plan).run();
        CounterAggregate writes = (CounterAggregate) result.metrics().aggregate(BuiltinMetrics.TCP_WRITES);
        CounterAggregate sockets = (CounterAggregate) result.metrics().aggregate(BuiltinMetrics.TCP_SOCKETS);
        double w = writes == null ? 0 : writes.sum();
        return new ScriptRate(w / secs, sockets == null ? 0 : sockets.sum());
    }

    private ScriptProgram program(String resource, InetSocketAddress target, int secs) throws Exception {
        Path dir = Files.createTempDirectory("loadtcp-bench");
        Path script = dir.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream("bench/" + resource)) {
            Files.copy(in, script);
        }
        script.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true);
        return ScriptProgram.load(script, Map.of("PORT", Integer.toString(target.getPort()),
                "SECONDS", Integer.toString(secs), "RAMP_SECONDS", Integer.toString(Math.min(10, scale / 1000))), new ScriptConsole(err, true, false), List.of());
    }

    private static String jitState() {
        boolean jvmci = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
        return jvmci ? "on (Graal compiler)" : "off (interpreter)";
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                    return Units.bytes(kb * 1024.0);
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "unknown";
    }
}
