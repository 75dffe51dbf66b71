package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loadtcp tape}: the commands that read a tape without replaying it. */
@Command(name = "tape", mixinStandardHelpOptions = true, description = "Inspect a tape or turn it into a load test script.",
        subcommands = {TapeDescribeCommand.class, TapeToScriptCommand.class})
public final class TapeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
