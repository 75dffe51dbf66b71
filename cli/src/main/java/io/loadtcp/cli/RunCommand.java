package io.loadtcp.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadtcp.cli.tape.Endpoints;
import io.loadtcp.engine.RunResult;
import io.loadtcp.engine.TestPlan;
import io.loadtcp.engine.TestRun;
import io.loadtcp.engine.VuInitException;
import io.loadtcp.engine.executor.ExecutionSegment;
import io.loadtcp.engine.executor.ExecutionSegmentSequence;
import io.loadtcp.engine.executor.ExecutionTuple;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.ExternallyControlled;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.threshold.ThresholdEvaluator;
import io.loadtcp.engine.metrics.threshold.ThresholdException;
import io.loadtcp.engine.metrics.threshold.ThresholdResult;
import io.loadtcp.engine.net.Addresses;
import io.loadtcp.script.ScriptConsole;
import io.loadtcp.script.ScriptException;
import io.loadtcp.script.ScriptProgram;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtcp run SCRIPT}: runs a k6-style script and prints the end-of-run summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a load test script (k6-style JavaScript using k6/x/tcp).",
                "Options: defaults < --config file < the script's `export const options` < LOADTCP_*/K6_* environment"
                        + " variables (e.g. K6_VUS) < these flags."})
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The test script (an ES module).")
    Path script;

    @Option(names = {"-u", "--vus"}, paramLabel = "N", description = "Number of virtual users (default 1).")
    Integer vus;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", description = "Test duration, e.g. 30s, 5m, 1h30m.")
    String duration;

    @Option(names = {"-i", "--iterations"}, paramLabel = "N", description = "Total iterations shared by all VUs.")
    Long iterations;

    @Option(names = {"-s", "--stage"}, paramLabel = "DURATION:TARGET[,...]",
            description = "Ramp the VUs (ramping-vus), e.g. --stage 10s:50,1m:50,10s:0 (repeatable; replaces scenarios).")
    List<String> stages = new ArrayList<>();

    @Option(names = "--execution-segment", paramLabel = "FROM:TO",
            description = "Run only this instance's share of the test, e.g. 1/3:2/3 (distributed runs).")
    String executionSegment;

    @Option(names = "--execution-segment-sequence", paramLabel = "R1,R2,...",
            description = "All instances' segments, e.g. 0,1/3,2/3,1, so the shares add up exactly.")
    String executionSegmentSequence;

    // "-e KEY" alone sets KEY to "", as k6 does (and picocli's own error for it read "option option '--env'").
    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Set __ENV.KEY in the script (repeatable); -e KEY alone sets it to \"\".")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress lines (as in k6; console output still shows).")
    boolean quiet;

    @Option(names = "--log-output", paramLabel = "stderr|stdout|none",
            description = "Where console.* lines and iteration errors go (default stderr, or LOADTCP_LOG_OUTPUT / K6_LOG_OUTPUT;"
                    + " none hides them, as in k6).")
    String logOutput;

    @Option(names = {"-v", "--verbose"}, description = "Show console.debug lines and stack traces of loadtcp errors.")
    boolean verbose;

    @Option(names = "--allow-read", paramLabel = "DIR",
            description = "Let the script open() and import files below DIR too (repeatable); by default only its own folder.")
    List<Path> allowRead = new ArrayList<>();

    @Option(names = "--event-loops", paramLabel = "N", description = "Event loops VUs are spread over (default: one per core).")
    int eventLoops;

    @Option(names = "--no-thresholds", description = "Ignore the script's thresholds: not evaluated, not shown, no exit code 99.")
    boolean noThresholds;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A JSON file of options (k6's keys), below the script's options, env vars and flags.")
    Path config;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag added to every sample of the test (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--no-setup", description = "Do not run setup().")
    boolean noSetup;

    @Option(names = "--no-teardown", description = "Do not run teardown().")
    boolean noTeardown;

    @Option(names = "--summary-trend-stats", paramLabel = "STATS",
            description = "Trend stats in the summary, e.g. avg,min,med,max,p(90),p(99.9),count.")
    String summaryTrendStats;

    @Option(names = "--summary-time-unit", paramLabel = "UNIT",
            description = "Show every time in the summary in this unit: ns, us, ms, s or m (default: one that fits).")
    String summaryTimeUnit;

    @Option(names = "--summary-export", paramLabel = "FILE", description = "Also write the summary as JSON (k6's format).")
    String summaryExport;

    @Option(names = {"-o", "--out"}, paramLabel = "TYPE=ARGS",
            description = "Also send metrics to an output while the run goes on (repeatable): prometheus=HOST:PORT[,linger=DURATION] serves /metrics for Prometheus to scrape; experimental-prometheus-rw[=URL] pushes to Prometheus; json=FILE and csv=FILE[,timeFormat=F] write every sample (.gz: compressed). Without --out: LOADTCP_OUT or K6_OUT (comma-separated), else the config file's \"out\".")
    List<String> outputs = new ArrayList<>();

    @Option(names = {"-a", "--address"}, paramLabel = "HOST:PORT",
            description = "Serve k6's REST API there (GET and PATCH /v1/status), for orchestrators such as k6-operator (default: none).")
    String address;

    @Option(names = {"-p", "--paused"},
            description = "Start paused: initialise the VUs, then wait for PATCH /v1/status {\"data\":{\"attributes\":{\"paused\":false}}} (needs --address).")
    boolean paused;

    @Option(names = "--summary-mode", paramLabel = "MODE",
            description = "compact (default) or full: also each scenario's and each group's metrics.")
    String summaryMode;

    /** The environment the LOADTCP_* and K6_* options are read from; tests put their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        ScriptConsole console = new ScriptConsole(logStream(out, errStream), false, verbose);
        if (vus != null && vus < 0) throw new UserError(ExitCodes.INVALID_CONFIG, "invalid --vus " + vus + ": must be 0 or more");
        if (iterations != null && iterations < 1) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "invalid --iterations " + iterations + ": must be 1 or more");
        }
        if (eventLoops < 0) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "invalid --event-loops " + eventLoops + ": must be 1 or more (default: one per core)");
        }
        ObjectNode configLayer = config == null ? null : OptionLayers.readConfig(config);
        // Started before the script loads, so a busy port is reported before any work; closed after the summary.
        try (StatusApi api = startApi(err);
             RunOutputs runOutputs = RunOutputs.start(OutputSpecs.choose(outputs, environment, configLayer), environment, out, err);
             ScriptProgram program = load(console)) {
            List<String> problems = new ArrayList<>();
            ObjectNode envLayer = OptionLayers.fromEnvironment(environment, problems);
            ObjectNode merged = OptionLayers.merge(configLayer, program.options(), envLayer, flagsLayer());
            RunOptions options = RunOptions.resolve(merged, vus, duration, iterations, stages, segment(),
                    program.exportedFunctions(), problems);
            List<Executor> executors = options.executors();
            ThresholdEvaluator thresholds = options.thresholds().isEmpty() ? null
                    : new ThresholdEvaluator(options.thresholds());
            List<MetricsListener> listeners = new ArrayList<>();
            if (!quiet) listeners.add(new ProgressPrinter(err, executors, ProgressPrinter.isTerminal(environment)));
            if (thresholds != null) listeners.add(thresholds);
            listeners.add(new GcPressureWarning(err));
            listeners.addAll(runOutputs.listeners(options.thresholds()));
            TestPlan plan = new TestPlan(executors, program.vuFactory(), eventLoops, options.tls(), program.metrics(),
                    listeners, null);
            LifecycleOptions lifecycle = LifecycleOptions.from(merged, program.exportedFunctions(),
                    options.noSetup(), options.noTeardown());
            TestRun run = new TestRun(plan).lifecycle(lifecycle.setup(), lifecycle.teardown());
            program.setRunControl(new RunControlAdapter(run, segment()));
            if (api != null) api.attach(run, thresholds == null ? () -> false : thresholds::tainted);
            SignalStop signals = SignalStop.install(sig -> run.stop("signal " + sig), "stopping", err, ExitCodes.STOPPED_BY_SIGNAL);
            RunResult result;
            try {
                err.println("loadtcp: running " + script + " — " + describe(executors) + " (transport "
                        + io.loadtcp.engine.net.Transports.name() + ")");
                if (api == null) warnIfUncontrolled(executors, err);
                HeapSizeCheck.warnIfTooSmall(executors.stream().mapToLong(Executor::maxVus).sum(),
                        Runtime.getRuntime().maxMemory(), err);
                err.flush();
                result = run.run();
            } catch (VuInitException e) {
                throw new UserError(ExitCodes.SCRIPT_EXCEPTION, "init code failed: " + firstLine(e.getMessage()), e);
            } catch (ThresholdException e) {
                throw new UserError(ExitCodes.INVALID_CONFIG, e.getMessage(), e);
            } finally {
                signals.close();
            }
            // Before the summary: the files are complete when it prints, and samples on stdout (json=-) come first.
            boolean filesComplete = runOutputs.finish(err);
            List<ThresholdResult> results = thresholds == null ? List.of()
                    : thresholds.evaluate(result.metrics(), result.elapsed());
            String text = new SummaryRenderer(options.summary()).render(result, results,
                    finalLine(result, run.iterationCounts()));
            boolean tty = System.console() != null;
            ObjectNode data = SummaryData.of(result, results, options.summary(), tty, tty);
            if (program.exportedFunctions().contains("handleSummary")) {
                HandleSummary.write(program, text, data, out, err);
            } else {
                out.print(text);
            }
            if (options.summary().export() != null) SummaryData.writeExport(Path.of(options.summary().export()), data);
            for (String repeated : console.repeatSummary()) err.println("WARN errors repeated: " + repeated);
            List<String> crossed = crossed(results);
            boolean thresholdsFailed = !crossed.isEmpty() || (thresholds != null && thresholds.abortReason() != null);
            if (thresholdsFailed) {
                err.println("ERRO thresholds on " + (crossed.isEmpty() ? "metrics" : String.join(", ", crossed))
                        + " have been crossed"
                        + (result.stoppedEarly() && result.stoppedReason().equals(thresholds.abortReason())
                                ? "; the test was stopped early" : ""));
            }
            out.flush();
            err.flush();
            runOutputs.linger(err);
            int code = exitCode(result, signals, api != null && api.stoppedByApi(), program, thresholdsFailed, err);
            // An incomplete --out file is a failed run, unless something more specific already says so.
            return code == ExitCodes.OK && !filesComplete ? ExitCodes.IO_ERROR : code;
        }
    }

    private static int exitCode(RunResult result, SignalStop signals, boolean stoppedByApi, ScriptProgram program,
                                boolean thresholdsFailed, PrintWriter err) {
        if (result.lifecycleFailure() != null) {
            err.println("error: " + result.lifecycleFailure().message());
            err.flush();
            return LifecycleOptions.exitCode(result.lifecycleFailure());
        }
        if (result.stopCause() instanceof VuInitException e) { // as when the VUs started with the run cannot be
            err.println("error: init code failed: " + firstLine(e.getMessage()));
            return ExitCodes.SCRIPT_EXCEPTION;
        }
        if (signals.fired()) return ExitCodes.STOPPED_BY_SIGNAL;
        if (stoppedByApi) {
            err.println("error: test run " + StatusApi.STOP_REASON);
            return ExitCodes.STOPPED_FROM_REST_API;
        }
        if (program.abortReason() != null) {
            err.println("error: test aborted by the script" + (program.abortReason().isEmpty() ? "" : ": " + program.abortReason()));
            return ExitCodes.SCRIPT_ABORTED;
        }
        if (program.failReason() != null) return ExitCodes.TEST_FAILED;
        return thresholdsFailed ? ExitCodes.THRESHOLDS_FAILED : ExitCodes.OK;
    }

    /** An externally-controlled scenario with no REST API to control it runs as configured: say so, and how. */
    private static void warnIfUncontrolled(List<Executor> executors, PrintWriter err) {
        for (Executor e : executors) {
            if (e instanceof ExternallyControlled x) {
                err.println("WARN scenario " + e.settings().name() + " is externally-controlled, but without --address"
                        + " nothing can scale or pause it: it runs " + x.vus() + " VUs "
                        + (x.endless() ? "until stopped (Ctrl-C)" : "for " + ProgressBar.planned(e))
                        + ". k6 serves its REST API on localhost:6565 by default; here add --address localhost:6565");
                return;
            }
        }
    }

    /** k6's REST API on {@code --address}, or null without one; started before the script loads, like the outputs. */
    private StatusApi startApi(PrintWriter err) {
        if (address == null) {
            if (paused) {
                throw new UserError(ExitCodes.INVALID_CONFIG,
                        "--paused needs --address HOST:PORT: PATCH /v1/status there is what resumes the test");
            }
            return null;
        }
        InetSocketAddress resolved = Endpoints.resolvedOption(address, "--address", "--address " + address);
        StatusApi api;
        try {
            api = StatusApi.start(resolved, paused);
        } catch (IOException e) {
            throw new UserError(ExitCodes.CANNOT_START_REST_API, "--address: cannot listen on " + address + ": "
                    + IoErrors.describe(e), e);
        }
        String base = "http://" + Addresses.format(api.address()) + "/v1/status";
        err.println("loadtcp: REST API at " + base);
        if (paused) {
            err.println("loadtcp: starts paused; resume with: curl -X PATCH " + base
                    + " -d '{\"data\":{\"attributes\":{\"paused\":false}}}'");
        }
        return api;
    }

    /** Console output's destination: the flag, else LOADTCP_LOG_OUTPUT, else k6's K6_LOG_OUTPUT, else stderr. */
    private PrintStream logStream(PrintWriter out, PrintStream err) {
        String source = "--log-output";
        String value = logOutput;
        for (String variable : List.of("LOADTCP_LOG_OUTPUT", "K6_LOG_OUTPUT")) {
            if (value == null && environment.get(variable) != null) {
                source = variable;
                value = environment.get(variable);
            }
        }
        return switch (value == null ? "stderr" : value) {
            case "stderr" -> err;
            case "stdout" -> new PrintStream(new WriterOutputStream(out), true, StandardCharsets.UTF_8);
            case "none" -> new PrintStream(java.io.OutputStream.nullOutputStream());
            default -> throw new UserError(ExitCodes.INVALID_CONFIG,
                    "invalid " + source + " '" + value + "': use stderr, stdout or none");
        };
    }

    /** The options given as flags, other than the shortcuts RunOptions applies itself (--vus, --duration, …). */
    private ObjectNode flagsLayer() {
        ObjectNode flags = JsonNodeFactory.instance.objectNode();
        if (!tags.isEmpty()) {
            ObjectNode t = flags.putObject("tags");
            tags.forEach(t::put);
        }
        if (noThresholds) flags.put("noThresholds", true);
        if (noSetup) flags.put("noSetup", true);
        if (noTeardown) flags.put("noTeardown", true);
        if (summaryTrendStats != null) {
            var stats = flags.putArray("summaryTrendStats");
            for (String stat : summaryTrendStats.split(",")) if (!stat.isBlank()) stats.add(stat.strip());
        }
        if (summaryTimeUnit != null) flags.put("summaryTimeUnit", summaryTimeUnit);
        if (summaryExport != null) flags.put("summaryExport", summaryExport);
        if (summaryMode != null) flags.put("summaryMode", summaryMode);
        return flags;
    }

    private ExecutionTuple segment() {
        try {
            ExecutionSegment seg = executionSegment == null ? null : ExecutionSegment.parse(executionSegment);
            ExecutionSegmentSequence seq = executionSegmentSequence == null ? null
                    : ExecutionSegmentSequence.parse(executionSegmentSequence);
            return ExecutionTuple.of(seg, seq);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "invalid execution segment: " + e.getMessage());
        }
    }

    private ScriptProgram load(ScriptConsole console) {
        try {
            return ScriptProgram.load(script, env, console, allowRead);
        } catch (ScriptException e) {
            int code = e.kind() == ScriptException.Kind.NOT_READABLE ? ExitCodes.IO_ERROR : ExitCodes.SCRIPT_EXCEPTION;
            throw new UserError(code, e.getMessage(), e);
        }
    }

    /** The metrics (with their tag filters) that have at least one failed threshold. */
    private static List<String> crossed(List<ThresholdResult> results) {
        Set<String> names = new LinkedHashSet<>();
        for (ThresholdResult r : results) if (!r.passed()) names.add(r.selector().toString());
        return new ArrayList<>(names);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static String describe(List<Executor> executors) {
        if (executors.size() == 1) return describe(executors.get(0));
        List<String> parts = new ArrayList<>();
        for (Executor e : executors) parts.add(e.settings().name() + " (" + describe(e) + ")");
        return executors.size() + " scenarios: " + String.join("; ", parts);
    }

    static String describe(Executor e) {
        return e.type() + ", " + e.maxVus() + " VU" + (e.maxVus() == 1 ? "" : "s") + ", "
                + (e instanceof io.loadtcp.engine.executor.SharedIterations s ? s.totalIterations() + " iterations"
                : ProgressBar.planned(e));
    }

    /** As k6's last line: "… N complete and M interrupted iterations" (failed ones ran to their end: complete). */
    private static String finalLine(RunResult r, io.loadtcp.engine.IterationCounts counts) {
        List<String> parts = new ArrayList<>();
        parts.add("ran " + Units.duration(r.elapsed().toNanos()));
        parts.add(r.maxVus() + " VUs");
        parts.add(counts.completed() + " complete and " + counts.interrupted() + " interrupted iterations");
        if (r.stoppedEarly()) parts.add("stopped early: " + r.stoppedReason());
        return String.join(", ", parts);
    }
}
