package io.loadtcp.cli.tape;

import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.Printable;
import io.loadtcp.engine.tape.TapeDescriber;
import io.loadtcp.engine.tape.record.ProxyConnection;
import io.loadtcp.engine.tape.record.RecordingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Prints what the recorder sees: each connection as it opens and closes, and with --show every chunk. */
final class RecordPrinter implements RecordingListener {
    private final PrintWriter out;
    private final boolean show;
    private final int stopAfter;
    private final AtomicInteger closed = new AtomicInteger();
    private volatile Runnable onEnough = () -> {};

    RecordPrinter(PrintWriter out, boolean show, int stopAfter) {
        this.out = out;
        this.show = show;
        this.stopAfter = stopAfter;
    }

    /** Called once {@code stopAfter} connections have closed. */
    void onEnough(Runnable r) {
        this.onEnough = r;
    }

    int closedConnections() {
        return closed.get();
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void opened(ProxyConnection c) {
        print(c.label() + " open   " + c.client() + " -> " + c.route().target());
    }

    @Override
    public void data(ProxyConnection c, Direction d, long nanos, byte[] bytes) {
        print(String.format(Locale.ROOT, "%s %+.6fs %s %6d bytes  %s", c.label(), nanos / 1e9, d.arrow(), bytes.length,
                Printable.preview(bytes, 48)));
    }

    @Override
    public void halfClosed(ProxyConnection c, Direction d) {
        if (show) print(c.label() + " " + d.from() + " finished sending (half-close)");
    }

    @Override
    public void closed(ProxyConnection c) {
        print(c.label() + " closed (" + c.endReason() + ") after " + TapeDescriber.duration(c.durationNanos()) + ": "
                + c.bytesUp() + " bytes up, " + c.bytesDown() + " bytes down");
        if (closed.incrementAndGet() == stopAfter) onEnough.run();
    }

    @Override
    public void refused(String client, String reason) {
        print("refused " + client + ": " + reason);
        if (closed.incrementAndGet() == stopAfter) onEnough.run(); // a refused client counts as a finished connection
    }

    @Override
    public void tapeFailed(String tape, IOException error) {
        print("cannot write tape " + tape + ": " + error.getMessage() + "; stopping");
    }

    @Override
    public boolean wantsData() {
        return show;
    }
}
