package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.engine.tape.DumpFormat;
import io.loadtcp.engine.tape.TapeContents;
import io.loadtcp.engine.tape.TapeDescriber;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtcp tape describe FILE}: each connection's events with sizes and delays, optionally the bytes. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "List a tape: per connection, each event with its size and the delay before it.")
public final class TapeDescribeCommand implements Callable<Integer> {
    /** The values of --dump. */
    enum Dump { text, hex }

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The tape.")
    Path file;

    @Option(names = "--dump", paramLabel = "text|hex", description = "Also show the bytes, as escaped text or as a hex dump.")
    Dump dump;

    @Option(names = "--verbose", hidden = true)
    boolean verbose;

    @Override
    public Integer call() {
        TapeContents tape = Tapes.read(file, spec.commandLine().getErr());
        DumpFormat format = dump == null ? DumpFormat.NONE : dump == Dump.text ? DumpFormat.TEXT : DumpFormat.HEX;
        new TapeDescriber(format).describe(file.toString(), tape.startEpochMillis(), tape.connections(),
                spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
