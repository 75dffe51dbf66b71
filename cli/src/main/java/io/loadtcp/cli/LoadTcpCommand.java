package io.loadtcp.cli;

import io.loadtcp.cli.tape.RecordCommand;
import io.loadtcp.cli.tape.ReplayCommand;
import io.loadtcp.cli.tape.TapeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code loadtcp} command; every subcommand is registered here. */
@Command(name = "loadtcp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Load testing for anything that speaks TCP, scripted in k6-style JavaScript.",
        footer = {"", ExitCodes.HELP_TABLE},
        subcommands = {
            RunCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            VersionCommand.class,
            RecordCommand.class,
            ReplayCommand.class,
            TapeCommand.class,
        })
public final class LoadTcpCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static void addExitCodeFooter(CommandLine parent) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().footer("", ExitCodes.HELP_TABLE);
            addExitCodeFooter(sub);
        }
    }

    /** A configured command line; tests use it with their own out/err writers. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new LoadTcpCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        addExitCodeFooter(cli);
        return cli;
    }
}
