package io.loadtcp.script;

import io.loadtcp.engine.Durations;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.Tags;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The one Java object a VU's JavaScript sees (as the hidden global {@code __loadtcp}); the built-in modules wrap
 * it. Every method runs on the VU's event loop, inside a call the VU made into JavaScript.
 */
public final class VuHost {
    private final JsVirtualUser vu;
    private final ScriptProgram program;
    private int nextTimerId = 1;

    VuHost(JsVirtualUser vu) {
        this.vu = vu;
        this.program = vu.program();
    }

    /** The host of the one-off context that reads the script's options: no VU, so no sockets or timers. */
    VuHost(ScriptProgram program) {
        this.vu = null;
        this.program = program;
    }

    private JsVirtualUser vu(String what) {
        if (vu == null) throw new IllegalStateException(what + " is only available inside an iteration, not in init code");
        return vu;
    }

    @Export
    public int setTimer(Value callback, double millis, boolean repeat) {
        JsVirtualUser vu = vu(repeat ? "setInterval" : "setTimeout");
        vu.requireIteration(repeat ? "setInterval" : "setTimeout");
        int id = nextTimerId++;
        long delay = Math.max(0, (long) millis);
        IterationScope scope = vu.scope();
        ScheduledFuture<?> f;
        if (repeat) {
            long period = Math.max(1, delay);
            f = vu.loop().scheduleAtFixedRate(() -> vu.callJs(() -> callback.executeVoid()), period, period,
                    TimeUnit.MILLISECONDS);
        } else {
            f = vu.loop().schedule(() -> vu.callJs(() -> {
                if (scope.removeTimer(id)) callback.executeVoid();
            }), delay, TimeUnit.MILLISECONDS);
        }
        scope.addTimer(id, f);
        return id;
    }

    @Export
    public void clearTimer(int id) {
        if (vu == null) return;
        ScheduledFuture<?> f = vu.scope().timer(id);
        if (f != null) {
            f.cancel(false);
            vu.scope().removeTimer(id);
        }
    }

    /** k6's sleep: resolves {@code resolve} after the delay; until then the iteration cannot end. */
    @Export
    public void sleep(double seconds, Value resolve) {
        setTimer(resolve, seconds * 1000, false);
    }

    /** From the iteration runner: the iteration's function returned or its promise settled (error or null). */
    @Export
    public void settled(Value error, Value resultJson) {
        vu("iteration").settled(error, resultJson);
    }

    @Export
    public SocketBinding newSocket(Value tags, Value emit) {
        JsVirtualUser vu = vu("new Socket()");
        return new SocketBinding(vu, vu.metricTags().with(JsValues.tags(tags)), emit);
    }

    @Export
    public void log(String level, String text) {
        program.console().log(level, vu == null ? 0 : vu.id(), text);
    }

    @Export
    public int vuId() {
        return vu == null ? 0 : vu.id();
    }

    @Export
    public double iteration() {
        return vu == null ? 0 : vu.iterationNumber();
    }

    @Export
    public String envJson() {
        return vu == null ? program.envJson() : vu.envJson();
    }

    @Export
    public void check(String name, boolean ok, Value tags) {
        JsVirtualUser vu = vu("check()");
        Tags t = vu.metricTags().with("check", name).with(JsValues.tags(tags));
        vu.sink().add(BuiltinMetrics.CHECKS, t, ok ? 1 : 0);
    }

    @Export
    public Value group(String name, Value fn) {
        JsVirtualUser vu = vu("group()");
        String parent = vu.metricTags().get("group");
        String path = (parent == null ? "" : parent) + "::" + name;
        vu.pushGroup(path);
        long start = System.nanoTime();
        try {
            return fn.execute();
        } finally {
            vu.sink().addNanos(BuiltinMetrics.GROUP_DURATION, vu.metricTags(), System.nanoTime() - start);
            vu.popGroup(parent);
        }
    }

    @Export
    public void reportError(Value error) {
        try {
            throw error.throwException();
        } catch (PolyglotException e) {
            if (vu != null) vu.reportError(e);
        }
    }

    /** Declares (or finds) a custom metric; only in init code, as in k6. */
    @Export
    public MetricHandle metric(String name, String type, boolean isTime) {
        if (vu != null && vu.inIteration()) {
            throw new IllegalStateException("custom metrics must be declared in init code, not in an iteration ("
                    + name + ")");
        }
        io.loadtcp.engine.metrics.MetricType t = io.loadtcp.engine.metrics.MetricType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        io.loadtcp.engine.metrics.ValueType vt = isTime ? io.loadtcp.engine.metrics.ValueType.TIME
                : io.loadtcp.engine.metrics.ValueType.DEFAULT;
        io.loadtcp.engine.metrics.Metric existing = program.metrics().get(name);
        if (existing != null && existing.builtin()) {
            throw new IllegalArgumentException("\"" + name + "\" is a built-in metric; choose another name");
        }
        return new MetricHandle(program.metrics().register(name, t, vt), vu);
    }

    /** Numbers of k6/execution. */
    @Export
    public double execInfo(String key) {
        RunControl run = program.runControl();
        JsVirtualUser v = vu;
        io.loadtcp.engine.Iteration it = v == null ? null : v.currentIteration();
        String scenario = it == null ? "" : it.scenario();
        return switch (key) {
            case "vu.idInInstance" -> v == null ? 0 : v.id();
            case "vu.idInTest" -> v == null ? 0 : run.vuIdInTest(v.id());
            case "vu.iterationInInstance" -> v == null ? 0 : v.iterationNumber();
            case "vu.iterationInScenario" -> v == null ? 0 : v.iterationInScenario();
            case "scenario.startTime" -> run.scenarioStartMillis(scenario);
            case "scenario.progress" -> run.scenarioProgress(scenario);
            case "scenario.iterationInInstance" -> it == null ? 0 : it.iterationInScenario();
            case "scenario.iterationInTest" -> it == null ? 0 : run.iterationInTest(scenario, it.iterationInScenario());
            case "instance.vusActive" -> run.vusActive();
            case "instance.vusInitialized" -> run.vusInitialized();
            case "instance.iterationsCompleted" -> run.iterationsCompleted();
            case "instance.iterationsInterrupted" -> run.iterationsInterrupted();
            case "instance.currentTestRunDuration" -> run.elapsedMillis();
            default -> throw new IllegalArgumentException("unknown k6/execution field " + key);
        };
    }

    /** Text fields of k6/execution. */
    @Export
    public String execText(String key) {
        io.loadtcp.engine.Iteration it = vu == null ? null : vu.currentIteration();
        return switch (key) {
            case "scenario.name" -> it == null ? "" : it.scenario();
            case "scenario.executor" -> it == null ? "" : program.runControl().executorOf(it.scenario());
            case "vu.tags" -> vu == null ? "{}" : JsonText.object(vu.metricTags().asMap());
            case "test.options" -> program.options().toString();
            default -> throw new IllegalArgumentException("unknown k6/execution field " + key);
        };
    }

    @Export
    public void abortTest(String message) {
        program.abort(message);
    }

    @Export
    public void failTest(String message) {
        program.fail(message);
    }

    /** open(): the bytes of a file the script may read, in init code only. */
    @Export
    public java.nio.ByteBuffer open(String path, String mode) {
        if (vu != null && vu.inIteration()) {
            throw new IllegalStateException("open() is only available in init code, not in an iteration");
        }
        if (!mode.isEmpty() && !mode.equals("b")) throw new IllegalArgumentException("open: mode must be \"b\" or omitted");
        return java.nio.ByteBuffer.wrap(program.readFile(path));
    }

    @Export
    public String utf8(java.nio.ByteBuffer bytes) {
        java.nio.ByteBuffer b = bytes.duplicate();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return new String(a, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Export
    public boolean hasShared(String name) {
        return program.sharedArrays().containsKey(name);
    }

    @Export
    public void putShared(String name, Value items) {
        java.util.List<String> list = new java.util.ArrayList<>((int) items.getArraySize());
        for (long i = 0; i < items.getArraySize(); i++) list.add(items.getArrayElement(i).asString());
        program.sharedArrays().putIfAbsent(name, java.util.List.copyOf(list));
    }

    @Export
    public int sharedLength(String name) {
        return program.sharedArrays().get(name).size();
    }

    @Export
    public String sharedElement(String name, int index) {
        return program.sharedArrays().get(name).get(index);
    }

    @Export
    public String b64encodeString(String text, String encoding) {
        return Base64Flavour.of(encoding).encode(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Export
    public String b64encodeBytes(Value buffer, int offset, int length, String encoding) {
        byte[] bytes = new byte[length];
        buffer.readBuffer(offset, bytes, 0, length);
        return Base64Flavour.of(encoding).encode(bytes);
    }

    @Export
    public java.nio.ByteBuffer b64decode(String text, String encoding) {
        return java.nio.ByteBuffer.wrap(Base64Flavour.of(encoding).decode(text));
    }

    @Export
    public String textSummary() {
        return program.textSummary();
    }

    @Export
    public double parseDurationMillis(String text) {
        return Durations.parse(text, "timeout").toMillis();
    }
}
