package io.loadtcp.engine.tape.replay;

import java.util.List;

/** The results of a replay, in the order connections finished. */
public record ReplayReport(List<PlayResult> results) {
    public ReplayReport {
        results = List.copyOf(results);
    }

    public long matched() {
        return results.stream().filter(PlayResult::matched).count();
    }

    public long failed() {
        return results.size() - matched();
    }

    /** True when every connection matched the tape (and there was at least one). */
    public boolean allMatched() {
        return !results.isEmpty() && failed() == 0;
    }
}
