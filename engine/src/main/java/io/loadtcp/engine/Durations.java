package io.loadtcp.engine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses k6 durations: "30s", "1m30s", "1h", "500ms", "1.5s", or a bare number of milliseconds; a leading '-' gives
 * a negative duration (callers that need a positive one say so in their own words).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|s|m|h|d)");

    private Durations() {}

    /** Throws IllegalArgumentException naming {@code what} when the text is not a duration. */
    public static Duration parse(String text, String what) {
        String s = text == null ? "" : text.trim();
        if (s.matches("-?\\d+(\\.\\d+)?")) return Duration.ofNanos((long) (Double.parseDouble(s) * 1_000_000));
        boolean negative = s.startsWith("-");
        if (negative) s = s.substring(1);
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            nanos += (long) (v * switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 86_400_000_000_000L;
            });
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            throw new IllegalArgumentException("invalid " + what + " \"" + text + "\" (use e.g. 30s, 1m30s, 500ms)");
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }
}
