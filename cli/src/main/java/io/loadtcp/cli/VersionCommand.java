package io.loadtcp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loadtcp version}. */
@Command(name = "version", description = "Print the version of loadtcp and of the Java runtime.", mixinStandardHelpOptions = true)
final class VersionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(new VersionProvider().getVersion()[0]);
        return ExitCodes.OK;
    }
}
