package io.loadtcp.engine.output.file;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 timestamps in UTC, as {@code 2026-11-22T09:34:45Z} or with nanoseconds. The date part is formatted once
 * per second and reused: a run writes hundreds of thousands of samples a second, mostly within the same one.
 */
final class UtcTimestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private String cachedText;

    /** {@code 2026-11-22T09:34:45.000000123Z}: always nine digits of fraction, so lines sort as text. */
    void appendNanos(long epochNanos, StringBuilder out) {
        appendSeconds(epochNanos, out);
        out.setLength(out.length() - 1); // the 'Z'
        long fraction = Math.floorMod(epochNanos, 1_000_000_000L);
        out.append('.');
        String digits = Long.toString(fraction);
        for (int pad = digits.length(); pad < 9; pad++) out.append('0');
        out.append(digits).append('Z');
    }

    /** {@code 2026-11-22T09:34:45Z}. */
    void appendSeconds(long epochNanos, StringBuilder out) {
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedText = SECONDS.format(Instant.ofEpochSecond(second));
        }
        out.append(cachedText).append('Z');
    }
}
