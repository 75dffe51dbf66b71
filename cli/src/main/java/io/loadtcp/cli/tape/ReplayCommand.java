package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loadtcp replay}: play one side of a tape against the real other side. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Play the server side (a mock server) or the client side (a regression check) of a tape.",
        subcommands = {ReplayServerCommand.class, ReplayClientCommand.class})
public final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
