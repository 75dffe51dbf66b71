package io.loadtcp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code loadtcp} command; every subcommand is registered here. */
@Command(name = "loadtcp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Load testing for anything that speaks TCP, scripted in k6-style JavaScript.",
        footer = {"", ExitCodes.HELP_TABLE},
        subcommands = {
            VersionCommand.class,
            io.loadtcp.cli.tape.RecordCommand.class, io.loadtcp.cli.tape.ReplayCommand.class, io.loadtcp.cli.tape.TapeCommand.class,
        })
public final class LoadTcpCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line; tests use it with their own out/err writers. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new LoadTcpCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage()
                .footer("", ExitCodes.HELP_TABLE));
        return cli;
    }
}
