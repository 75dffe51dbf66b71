package io.loadtcp.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.loadtcp.engine.VirtualUserFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * A loaded script: one shared GraalJS {@link Engine} and one cached {@link Source}, so every VU's context reuses
 * the parsed and compiled code (about 0.08 MB per VU). Loading evaluates the script once to read its
 * {@code options} and exports and to report syntax, import and init errors before any VU starts.
 */
public final class ScriptProgram implements AutoCloseable {
    private static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT)
            .allowBufferAccess(true) // lets `new Uint8Array(byteBuffer)` view what open(…, "b") and b64decode return
            .build();

    private final Path script;
    private final Engine engine;
    private final Source main;
    private final Source globals;
    private final Source runner;
    private final ScriptFileSystem files;
    private final ScriptConsole console;
    private final String envJson;
    private final Map<String, String> env;
    private final JsonNode options;
    private final Set<String> exportedFunctions;
    private volatile String setupDataJson;
    private volatile String textSummary;
    private final io.loadtcp.engine.metrics.MetricRegistry metrics = new io.loadtcp.engine.metrics.MetricRegistry();
    private volatile RunControl runControl = RunControl.NONE;
    private volatile String abortReason;
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.List<String>> sharedArrays =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Path, byte[]> openedFiles = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String failReason;

    private ScriptProgram(Path script, Map<String, String> env, ScriptConsole console, List<Path> allowedDirs) {
        this.script = script.toAbsolutePath().normalize();
        this.console = console;
        this.files = new ScriptFileSystem(this.script.getParent(), allowedDirs);
        this.engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        try {
            this.env = Map.copyOf(env);
            this.main = Source.newBuilder("js", this.script.toFile()).mimeType("application/javascript+module").build();
        } catch (IOException e) {
            engine.close();
            throw new ScriptException(ScriptException.Kind.NOT_READABLE, "cannot read script " + script + ": " + e.getMessage(), e);
        }
        this.envJson = JsonText.object(this.env);
        this.globals = Source.newBuilder("js", BuiltinModules.resourceText("globals.js"), "loadtcp-globals.js").buildLiteral();
        this.runner = Source.newBuilder("js", BuiltinModules.resourceText("runner.js"), "loadtcp-runner.js").buildLiteral();
        ProbeResult probe = probe();
        this.options = probe.options;
        this.exportedFunctions = probe.functions;
    }

    /**
     * Loads and checks {@code script}. Throws {@link ScriptException} for a missing file, a syntax error
     * (file:line:column with the offending line), an unknown import, or init code that throws.
     */
    public static ScriptProgram load(Path script, Map<String, String> env, ScriptConsole console, List<Path> allowedDirs) {
        if (Files.isDirectory(script)) {
            throw new ScriptException(ScriptException.Kind.NOT_READABLE, "script is a folder, not a file: " + script, null);
        }
        if (!Files.isRegularFile(script)) {
            throw new ScriptException(ScriptException.Kind.NOT_READABLE, "script not found: " + script, null);
        }
        if (!Files.isReadable(script)) {
            throw new ScriptException(ScriptException.Kind.NOT_READABLE, "script not readable: " + script, null);
        }
        return new ScriptProgram(script, env, console, allowedDirs);
    }

    private record ProbeResult(JsonNode options, Set<String> functions) {}

    /** Runs the init code once in a throwaway context (as k6 does) to read options and exports. */
    private ProbeResult probe() {
        VuHost probeHost = new VuHost(this);
        try (Context ctx = newContext(probeHost)) {
            Value exports = evaluateMain(ctx);
            Set<String> fns = new TreeSet<>();
            for (String k : exports.getMemberKeys()) if (exports.getMember(k).canExecute()) fns.add(k);
            Value opts = exports.getMember("options");
            JsonNode options = JsonNodeFactory.instance.objectNode();
            if (opts != null && !opts.isNull()) {
                String text = ctx.eval("js", "(o) => JSON.stringify(o)").execute(opts).asString();
                options = JsonText.parse(text);
            }
            return new ProbeResult(options, fns);
        } catch (PolyglotException e) {
            engine.close();
            if (e.isSyntaxError()) throw new ScriptException(ScriptException.Kind.INVALID, JsErrors.syntax(e), e);
            String message = JsErrors.oneLine(e);
            if (message.contains("unknown module") || message.contains("Cannot find module") || message.contains("NoSuchFile")) {
                throw new ScriptException(ScriptException.Kind.INVALID, message, e);
            }
            throw new ScriptException(ScriptException.Kind.INIT_ERROR, "init code failed: " + message, e);
        } catch (IOException e) {
            engine.close();
            throw new ScriptException(ScriptException.Kind.INVALID, "options are not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    /** A sandboxed context for one VU: no host classes, threads, processes, native code or environment. */
    Context newContext(VuHost host) {
        Context ctx = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(name -> false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowIO(IOAccess.newBuilder().fileSystem(files).build())
                .option("js.esm-eval-returns-exports", "true")
                .option("js.unhandled-rejections", "throw")
                .option("js.load", "false")
                .option("js.print", "false")
                // Globals a sandboxed k6 script has no use for (globals.js defines its own console): each costs
                // objects in every VU's context, ~2 KB per VU together.
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .out(java.io.OutputStream.nullOutputStream())
                .build();
        ctx.getBindings("js").putMember("__loadtcp", host);
        ctx.eval(globals);
        return ctx;
    }

    Value evaluateMain(Context ctx) {
        return ctx.eval(main);
    }

    Source runnerSource() {
        return runner;
    }

    /**
     * Calls the script's {@code handleSummary(data)} in a fresh context (init code runs once more, as in k6) and
     * returns what it produced: output name ("stdout", "stderr" or a file path) to content. Objects other than
     * strings are written as JSON. Throws {@link ScriptException} when it throws or returns something else.
     */
    public Map<String, String> handleSummary(String dataJson) {
        try (Context ctx = newContext(new VuHost(this))) {
            Value fn = evaluateMain(ctx).getMember("handleSummary");
            Value data = ctx.eval("js", "JSON.parse").execute(dataJson);
            Value out = fn.execute(data);
            if (out == null || out.isNull() || !out.hasMembers()) {
                throw new ScriptException(ScriptException.Kind.INIT_ERROR,
                        "handleSummary() must return an object such as { stdout: text, \"summary.json\": json }", null);
            }
            Value stringify = ctx.eval("js", "(v) => typeof v === 'string' ? v : JSON.stringify(v, null, 2)");
            Map<String, String> outputs = new java.util.LinkedHashMap<>();
            for (String key : out.getMemberKeys()) outputs.put(key, stringify.execute(out.getMember(key)).asString());
            return outputs;
        } catch (PolyglotException e) {
            throw new ScriptException(ScriptException.Kind.INIT_ERROR, "handleSummary() failed: " + JsErrors.oneLine(e), e);
        }
    }

    /** The default end-of-test text, for k6-summary's textSummary() inside handleSummary. */
    public void setTextSummary(String text) {
        textSummary = text;
    }

    String textSummary() {
        return textSummary == null ? "" : textSummary;
    }

    /** A factory making one {@link JsVirtualUser} per VU. */
    public VirtualUserFactory vuFactory() {
        return spec -> new JsVirtualUser(this, spec);
    }

    /** The script's exported {@code options}, as JSON ({} when none). */
    public JsonNode options() {
        return options;
    }

    public Set<String> exportedFunctions() {
        return exportedFunctions;
    }

    public Path path() {
        return script;
    }

    String envJson() {
        return envJson;
    }

    /** {@code __ENV} for an iteration of a scenario with its own {@code env}: the scenario's over the global. */
    String envJson(Map<String, String> scenarioEnv) {
        if (scenarioEnv.isEmpty()) return envJson;
        Map<String, String> merged = new java.util.TreeMap<>(env);
        merged.putAll(scenarioEnv);
        return JsonText.object(merged);
    }

    /** k6/data SharedArrays by name: one list of JSON elements shared by all VUs. */
    java.util.concurrent.ConcurrentHashMap<String, java.util.List<String>> sharedArrays() {
        return sharedArrays;
    }

    /**
     * open(): a file relative to the script's folder, read once for all VUs; only below that folder or an allowed
     * one (--allow-read).
     */
    byte[] readFile(String path) {
        Path resolved = files.resolveReadable(path);
        return openedFiles.computeIfAbsent(resolved, p -> {
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new IllegalArgumentException("open(\"" + path + "\"): " + (e instanceof java.nio.file.NoSuchFileException
                        ? "no such file " + p : e.getMessage()));
            }
        });
    }

    /** Built-in and custom metrics; custom ones are registered by init code. Pass it to the test plan. */
    public io.loadtcp.engine.metrics.MetricRegistry metrics() {
        return metrics;
    }

    public void setRunControl(RunControl control) {
        this.runControl = control == null ? RunControl.NONE : control;
    }

    RunControl runControl() {
        return runControl;
    }

    /** exec.test.abort(): the run stops now; {@link #abortReason()} tells the command line why (exit 108). */
    void abort(String message) {
        if (abortReason == null) abortReason = message;
        runControl.abort("aborted by the script" + (message.isEmpty() ? "" : ": " + message));
    }

    /** exec.test.fail(): the run goes on but ends as failed (exit 110). */
    void fail(String message) {
        if (failReason == null) failReason = message;
        console.log("error", 0, "test marked as failed" + (message.isEmpty() ? "" : ": " + message));
    }

    public String abortReason() {
        return abortReason;
    }

    public String failReason() {
        return failReason;
    }

    /** setup()'s result as JSON, or null (no setup, or it returned nothing). */
    String setupDataJson() {
        return setupDataJson;
    }

    void setSetupDataJson(String json) {
        setupDataJson = json;
    }

    public ScriptConsole console() {
        return console;
    }

    @Override
    public void close() {
        engine.close(true);
    }
}
