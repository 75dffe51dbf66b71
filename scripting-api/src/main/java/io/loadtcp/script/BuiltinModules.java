package io.loadtcp.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The modules a script can import by name ({@code k6}, {@code k6/x/tcp}, …). Each is a small JavaScript file in
 * this jar that wraps the VU's Java host object; scripts import them as if they were files.
 */
final class BuiltinModules {
    /** Where built-in modules appear in the script's file system. */
    static final String ROOT = "/__loadtcp_builtin__/";

    private static final Map<String, String> RESOURCES = Map.of(
            "k6", "k6.js",
            "k6/x/tcp", "k6-x-tcp.js",
            "k6/timers", "k6-timers.js",
            "k6/metrics", "k6-metrics.js",
            "k6/execution", "k6-execution.js",
            "k6/data", "k6-data.js",
            "k6/encoding", "k6-encoding.js",
            "k6-summary", "k6-summary.js");

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private BuiltinModules() {}

    /** k6's jslib summary module, which k6 users import by URL; we serve our own, offline. */
    private static final String JSLIB_SUMMARY = "https://jslib.k6.io/k6-summary/";

    static boolean isBuiltinSpecifier(String specifier) {
        return specifier.equals("k6") || specifier.startsWith("k6/") || specifier.startsWith(JSLIB_SUMMARY);
    }

    /** The built-in name a specifier stands for (the jslib summary URL of any version → "k6-summary"). */
    static String canonical(String specifier) {
        return specifier.startsWith(JSLIB_SUMMARY) ? "k6-summary" : specifier;
    }

    static boolean exists(String specifier) {
        return RESOURCES.containsKey(specifier);
    }

    static Set<String> names() {
        return RESOURCES.keySet();
    }

    /** The virtual path of a module name, e.g. {@code k6/x/tcp} → {@code /__loadtcp_builtin__/k6/x/tcp.js}. */
    static String pathOf(String specifier) {
        return ROOT + specifier + ".js";
    }

    /** The module name of a virtual path, or null. */
    static String specifierOf(String path) {
        if (!path.startsWith(ROOT) || !path.endsWith(".js")) return null;
        return path.substring(ROOT.length(), path.length() - 3);
    }

    static byte[] source(String specifier) {
        return CACHE.computeIfAbsent(specifier, s -> read(RESOURCES.get(s)));
    }

    static String resourceText(String name) {
        return new String(read(name), StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) {
        try (InputStream in = BuiltinModules.class.getResourceAsStream("modules/" + name)) {
            if (in == null) throw new IllegalStateException("missing built-in module resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
