package io.loadtcp.cli;

import java.util.Locale;

/** Formats values for people: durations from ns to hours, byte sizes, plain numbers. */
final class Units {
    private Units() {}

    /** A duration given in nanoseconds, with a unit that fits: 850ns, 72.31µs, 1.25ms, 3.2s, 1m5s. */
    static String duration(double nanos) {
        double abs = Math.abs(nanos);
        if (abs == 0) return "0s";
        if (abs < 1_000) return trim(nanos) + "ns";
        if (abs < 1_000_000) return trim(nanos / 1_000) + "µs";
        if (abs < 1_000_000_000) return trim(nanos / 1_000_000) + "ms";
        if (abs < 60e9) return trim(nanos / 1e9) + "s";
        long secs = (long) (nanos / 1e9);
        return (secs / 60) + "m" + (secs % 60) + "s";
    }

    /** Fixed unit for summaryTimeUnit-like display ("ms", "s", "us"). */
    static String duration(double nanos, String unit) {
        return switch (unit) {
            case "ns" -> trim(nanos) + "ns";
            case "us", "µs" -> trim(nanos / 1e3) + "µs";
            case "ms" -> trim(nanos / 1e6) + "ms";
            case "s" -> trim(nanos / 1e9) + "s";
            case "m" -> trim(nanos / 60e9) + "m";
            default -> duration(nanos);
        };
    }

    static String bytes(double b) {
        if (b < 1000) return trim(b) + " B";
        if (b < 1e6) return trim(b / 1e3) + " kB";
        if (b < 1e9) return trim(b / 1e6) + " MB";
        return trim(b / 1e9) + " GB";
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return trim(v);
    }

    /** Up to 2 decimals for small values, fewer for large ones, no trailing zeros. */
    static String trim(double v) {
        String s = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
