package io.loadtcp.engine.tape;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * Lists a tape for people, in tcptape's spirit: per connection, each event with its size and the delay before it,
 * optionally with the bytes.
 */
public final class TapeDescriber {
    private final DumpFormat dump;

    public TapeDescriber(DumpFormat dump) {
        this.dump = dump;
    }

    public void describe(String name, long startEpochMillis, List<RecordedConnection> connections, PrintWriter out) {
        out.printf("tape %s: recorded %s, %d connection%s%n", name, Instant.ofEpochMilli(startEpochMillis),
                connections.size(), connections.size() == 1 ? "" : "s");
        for (RecordedConnection c : connections) {
            out.printf("%nconnection %d: %s -> %s (opened at +%s)%n", c.id(), c.client(), c.server(),
                    duration(c.startNanos()));
            int n = 0;
            long previous = c.startNanos();
            long up = 0;
            long down = 0;
            for (TapeEvent e : c.events()) {
                long gap = e.nanos() - previous;
                previous = e.nanos();
                if (gap > 0) out.printf("  %d: DELAY (%s)%n", n++, duration(gap));
                out.printf("  %d: %s%n", n++, label(e));
                if (e instanceof TapeEvent.Data d) {
                    if (d.direction() == Direction.CLIENT_TO_SERVER) up += d.bytes().length;
                    else down += d.bytes().length;
                    dump(d.bytes(), out);
                }
            }
            out.printf("  total: %d bytes client-to-server, %d bytes server-to-client%n", up, down);
        }
        out.flush();
    }

    static String label(TapeEvent e) {
        return switch (e) {
            case TapeEvent.Opened o -> "OPEN " + o.client() + " -> " + o.server();
            case TapeEvent.Data d -> name(d.direction()) + " (" + d.bytes().length + " byte" + (d.bytes().length == 1 ? "" : "s") + ")";
            case TapeEvent.HalfClose h -> name(h.direction()) + "_EOF";
            case TapeEvent.Closed c -> "CLOSE";
            case TapeEvent.Reset r -> "RESET by " + r.direction().from();
        };
    }

    private static String name(Direction d) {
        return d.name();
    }

    private void dump(byte[] bytes, PrintWriter out) {
        switch (dump) {
            case NONE -> {}
            case TEXT -> {
                int from = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n' || i - from >= 100) {
                        out.printf("       \"%s\"%n", Printable.escape(bytes, from, i + 1));
                        from = i + 1;
                    }
                }
                if (from < bytes.length) out.printf("       \"%s\"%n", Printable.escape(bytes, from, bytes.length));
            }
            case HEX -> {
                for (int i = 0; i < bytes.length; i += 16) {
                    int to = Math.min(bytes.length, i + 16);
                    StringBuilder hex = new StringBuilder();
                    StringBuilder text = new StringBuilder();
                    for (int j = i; j < to; j++) {
                        hex.append(String.format("%02x ", bytes[j] & 0xff));
                        int c = bytes[j] & 0xff;
                        text.append(c >= 0x20 && c <= 0x7e ? (char) c : '.');
                    }
                    out.printf("       %08x  %-48s |%s|%n", i, hex, text);
                }
            }
        }
    }

    /** A delay for people: microseconds below a millisecond, milliseconds below ten seconds, else seconds. */
    public static String duration(long nanos) {
        if (nanos < 1_000_000) return String.format("%.1fus", nanos / 1e3);
        if (nanos < 10_000_000_000L) return String.format("%.3fms", nanos / 1e6);
        return String.format("%.3fs", nanos / 1e9);
    }
}
