package io.loadtcp.script;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where {@code console.*} lines and iteration errors go. Errors are reported in full (with the JavaScript stack)
 * the first few times each distinct message appears; repeats are only counted, so a failing script does not
 * flood the terminal, and {@link #repeatSummary()} tells how many were folded.
 */
public final class ScriptConsole {
    private static final int FULL_REPORTS_PER_MESSAGE = 1;
    private static final int MAX_DISTINCT_FULL = 20;

    private final PrintStream out;
    private final boolean quiet;
    private final boolean debug;
    private final long startNanos = System.nanoTime();
    private final Map<String, AtomicLong> errorCounts = new ConcurrentHashMap<>();

    public ScriptConsole(PrintStream out, boolean quiet, boolean debug) {
        this.out = out;
        this.quiet = quiet;
        this.debug = debug;
    }

    /** A {@code console.*} line from VU {@code vu} (0 outside VUs). */
    public void log(String level, int vu, String text) {
        if ("debug".equals(level) && !debug) return;
        if (quiet && !"error".equals(level) && !"warn".equals(level)) return;
        out.println(prefix(level) + text + "  source=console vu=" + vu);
    }

    /** An error thrown by an iteration: full the first time, counted afterwards. */
    public void iterationError(int vu, long iteration, String oneLine, String full) {
        AtomicLong count = errorCounts.computeIfAbsent(oneLine, k -> new AtomicLong());
        long n = count.incrementAndGet();
        if (n <= FULL_REPORTS_PER_MESSAGE && errorCounts.size() <= MAX_DISTINCT_FULL) {
            out.println(prefix("error") + "VU " + vu + " iteration " + iteration + ": " + full);
        }
    }

    /** Lines such as "  ReferenceError: x is not defined (at …) — 1234 times"; empty when no error repeated. */
    public java.util.List<String> repeatSummary() {
        return errorCounts.entrySet().stream().filter(e -> e.getValue().get() > FULL_REPORTS_PER_MESSAGE)
                .map(e -> e.getKey() + " — " + e.getValue().get() + " times in all").sorted().toList();
    }

    private String prefix(String level) {
        long secs = (System.nanoTime() - startNanos) / 1_000_000_000L;
        String tag = switch (level) {
            case "error" -> "ERRO";
            case "warn" -> "WARN";
            case "debug" -> "DEBU";
            default -> "INFO";
        };
        return String.format(Locale.ROOT, "%s[%04d] ", tag, secs);
    }
}
