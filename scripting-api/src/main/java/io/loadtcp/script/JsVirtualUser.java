package io.loadtcp.script;

import io.loadtcp.engine.Iteration;
import io.loadtcp.engine.IterationOutcome;
import io.loadtcp.engine.VirtualUser;
import io.loadtcp.engine.VuInitException;
import io.loadtcp.engine.VuSpec;
import io.loadtcp.engine.metrics.MetricSink;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.net.ClientSocket;
import io.loadtcp.engine.net.SocketListener;
import io.netty.channel.EventLoop;
import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A VU running a script: one GraalJS context, entered only from the VU's event loop. Every call into JavaScript
 * goes through {@link #callJs}, which reports errors and then checks whether the iteration is over: its promise
 * settled and no socket or timer of it still pending.
 */
public final class JsVirtualUser implements VirtualUser {
    private final VuSpec spec;
    private final ScriptProgram program;
    private final Context context;
    private final Value runner;
    private final Map<String, Value> functions = new HashMap<>();

    private IterationScope scope = new IterationScope();
    private Iteration iteration;
    private IterationDone done;
    private boolean settled;
    private boolean failed;
    private long iterationNumber = -1;
    private Tags metricTags = Tags.EMPTY;
    private volatile boolean killed;
    private int depth;
    private String setupDataJson;
    private final Map<String, Long> perScenario = new HashMap<>();
    private Value setupData;
    private Map<String, String> envFor = Map.of();
    private String envJson;

    JsVirtualUser(ScriptProgram program, VuSpec spec) {
        this.spec = spec;
        this.program = program;
        this.context = program.newContext(new VuHost(this));
        try {
            Value exports = program.evaluateMain(context);
            for (String name : exports.getMemberKeys()) {
                Value v = exports.getMember(name);
                if (v.canExecute()) functions.put(name, v);
            }
            this.runner = context.eval(program.runnerSource());
        } catch (PolyglotException e) {
            context.close(true);
            throw new VuInitException(e.isSyntaxError() ? JsErrors.syntax(e) : JsErrors.withStack(e), e);
        }
    }

    @Override
    public void runIteration(Iteration next, IterationDone whenDone) {
        Value fn = functions.get(next.exec());
        if (fn == null) {
            program.console().iterationError(id(), iterationNumber + 1,
                    "function \"" + next.exec() + "\" is not exported by the script",
                    "function \"" + next.exec() + "\" is not exported by the script");
            whenDone.done(IterationOutcome.FAILED);
            return;
        }
        iteration = next;
        done = whenDone;
        settled = false;
        failed = false;
        iterationNumber++;
        perScenario.merge(next.scenario(), 1L, Long::sum);
        scope = new IterationScope();
        metricTags = next.tags();
        boolean isSetup = "setup".equals(next.exec()) && next.scenario().equals("setup");
        callJs(() -> runner.executeVoid(fn, isSetup ? null : setupData(), isSetup));
    }

    /**
     * This VU's own copy of setup()'s result (k6 gives each VU its own), parsed from the shared JSON once per VU;
     * null (undefined in JavaScript) without setup.
     */
    private Value setupData() {
        String json = program.setupDataJson();
        if (json == null) return null;
        if (!json.equals(setupDataJson)) {
            setupDataJson = json;
            setupData = context.eval("js", "JSON.parse").execute(json);
        }
        return setupData;
    }

    /** Called by the runner script when the iteration's function returned or its promise settled. */
    void settled(Value error, Value resultJson) {
        settled = true;
        if (resultJson != null && !resultJson.isNull() && iteration != null && "setup".equals(iteration.scenario())) {
            program.setSetupDataJson(resultJson.asString());
        }
        if (error != null && !error.isNull()) {
            try {
                throw error.throwException();
            } catch (PolyglotException e) {
                reportError(e);
            }
        }
    }

    /** Runs JavaScript on this VU's loop; errors fail the iteration; afterwards, ends the iteration if it is over. */
    void callJs(Runnable call) {
        if (killed) return;
        depth++;
        try {
            call.run();
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isInterrupted() || killed) {
                finish(IterationOutcome.INTERRUPTED);
                return;
            }
            reportError(e);
        } catch (IllegalStateException e) {
            if (killed) { // the context was closed under us by kill()
                finish(IterationOutcome.INTERRUPTED);
                return;
            }
            throw e;
        } finally {
            depth--;
        }
        // Nested calls (destroy() firing "close" inside a handler) leave the verdict to the outermost call,
        // after which the promise jobs have run.
        if (depth > 0 || done == null) return;
        if (failed) {
            finish(IterationOutcome.FAILED);
        } else if (scope.isEmpty()) {
            if (!settled) reportStuck();
            finish(settled ? IterationOutcome.COMPLETED : IterationOutcome.FAILED);
        }
    }

    /**
     * Only a socket event or a timer can run this VU's JavaScript again; with neither left, a promise the
     * iteration still awaits can never settle. k6 waits out the whole duration then; we end the iteration now.
     */
    private void reportStuck() {
        String message = "the iteration awaits a promise that can never settle: no socket is open and no timer is armed"
                + " (e.g. waiting for \"data\" on a socket that closed; handle \"close\" or \"error\")";
        program.console().iterationError(id(), iterationNumber, message, message);
    }

    void reportError(PolyglotException e) {
        failed = true;
        program.console().iterationError(id(), iterationNumber, JsErrors.oneLine(e), JsErrors.withStack(e));
    }

    private void finish(IterationOutcome outcome) {
        IterationDone d = done;
        if (d == null) return;
        done = null;
        iteration = null;
        scope.cancelAll();
        d.done(outcome);
    }

    @Override
    public void interrupt() {
        finish(IterationOutcome.INTERRUPTED);
    }

    @Override
    public void kill() {
        killed = true;
        context.close(true); // cancels JavaScript running on the loop thread; allowed from another thread
        spec.loop().execute(() -> finish(IterationOutcome.INTERRUPTED));
    }

    @Override
    public void close() {
        scope.cancelAll();
        if (!killed) context.close(true);
    }

    boolean inIteration() {
        return done != null;
    }

    io.loadtcp.engine.Iteration currentIteration() {
        return iteration;
    }

    /** This VU's iterations so far in the current scenario (k6's exec.vu.iterationInScenario). */
    long iterationInScenario() {
        return iteration == null ? 0 : Math.max(0, perScenario.getOrDefault(iteration.scenario(), 0L) - 1);
    }

    void requireIteration(String what) {
        if (iteration == null && done == null) {
            throw new IllegalStateException(what + " is only available inside an iteration, not in init code");
        }
    }

    ClientSocket newClientSocket(Tags tags, SocketListener listener) {
        return new ClientSocket(spec.loop(), spec.sink(), spec.sockets(), tags, listener);
    }

    void pushGroup(String path) {
        metricTags = metricTags.with("group", path);
    }

    void popGroup(String parent) {
        metricTags = parent == null ? iterationTagsWithoutGroup() : metricTags.with("group", parent);
    }

    private Tags iterationTagsWithoutGroup() {
        return iteration == null ? Tags.EMPTY : iteration.tags();
    }

    IterationScope scope() {
        return scope;
    }

    Tags metricTags() {
        return metricTags;
    }

    MetricSink sink() {
        return spec.sink();
    }

    EventLoop loop() {
        return spec.loop();
    }

    int id() {
        return spec.id();
    }

    long iterationNumber() {
        return Math.max(0, iterationNumber);
    }

    /** {@code __ENV} as JSON: the current iteration's scenario env over the global one (cached per scenario env). */
    String envJson() {
        Map<String, String> scenarioEnv = iteration == null ? Map.of() : iteration.env();
        if (envJson == null || scenarioEnv != envFor) {
            envFor = scenarioEnv;
            envJson = program.envJson(scenarioEnv);
        }
        return envJson;
    }

    ScriptProgram program() {
        return program;
    }

    ScriptConsole console() {
        return program.console();
    }
}
