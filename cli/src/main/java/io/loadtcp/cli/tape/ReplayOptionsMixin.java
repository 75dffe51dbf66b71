package io.loadtcp.cli.tape;

import io.loadtcp.engine.tape.replay.DiffFormatter;
import io.loadtcp.engine.tape.replay.ReplayOptions;
import picocli.CommandLine.Option;

/** The options both replay commands share (tcptape's, plus --diff and --timeout). */
public final class ReplayOptionsMixin {
    /** The values of --diff. */
    enum Diff { text, hex }

    @Option(names = {"-n", "--no-assert"}, description = "Only count the peer's bytes; do not compare them.")
    boolean noAssert;

    @Option(names = {"-d", "--delay"}, description = "Keep the recorded timing: wait before each write as long as recorded.")
    boolean delay;

    @Option(names = "--once", description = "Replay one connection, then exit.")
    boolean once;

    @Option(names = {"-a", "--abort"}, description = "Exit with code 3 at the first mismatch.")
    boolean abort;

    @Option(names = "--diff", paramLabel = "text|hex", defaultValue = "hex",
            description = "How a mismatch shows the bytes around the first difference (default: ${DEFAULT-VALUE}).")
    Diff diff;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Wait for the peer at least this long, else 10x the recorded delay (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--verbose", hidden = true)
    boolean verbose;

    ReplayOptions toOptions() {
        return ReplayOptions.defaults()
                .withAssert(!noAssert).withDelay(delay).withOnce(once).withAbort(abort)
                .withMinTimeout(Durations.parse(timeout, "--timeout"))
                .withDiff(diff == Diff.text ? DiffFormatter.Mode.TEXT : DiffFormatter.Mode.HEX);
    }
}
