package io.loadtcp.cli.tape;

import io.loadtcp.engine.tape.replay.DiffFormatter;
import io.loadtcp.engine.tape.replay.PlayResult;
import io.loadtcp.engine.tape.replay.ReplayListener;
import io.loadtcp.engine.tape.replay.ReplayReport;
import java.io.PrintWriter;

/** Prints each replayed connection's outcome; a mismatch with its diff. */
final class ReplayPrinter implements ReplayListener {
    private final PrintWriter out;
    private final DiffFormatter.Mode diff;

    ReplayPrinter(PrintWriter out, DiffFormatter.Mode diff) {
        this.out = out;
        this.diff = diff;
    }

    void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void started(int number, int recorded, String peer) {
        print("#" + number + " " + peer + ": replaying recorded connection " + recorded);
    }

    @Override
    public void finished(PlayResult r) {
        String head = "#" + r.number() + " ";
        if (r.matched()) {
            print(head + "matched (" + r.bytesSent() + " bytes sent, " + r.bytesReceived() + " received)");
        } else {
            StringBuilder sb = new StringBuilder(head + "MISMATCH: " + r.problem());
            if (r.mismatch() != null) sb.append('\n').append(DiffFormatter.format(r.mismatch(), diff));
            print(sb.toString());
        }
    }

    void summary(ReplayReport report) {
        print(report.matched() + " of " + report.results().size() + " connection" + (report.results().size() == 1 ? "" : "s")
                + " matched the tape");
    }
}
