package io.loadtcp.cli;

import io.loadtcp.cli.tape.RecordCommand;
import io.loadtcp.cli.tape.ReplayCommand;
import io.loadtcp.cli.tape.TapeCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code loadtcp} command; every subcommand is registered here. */
@Command(name = "loadtcp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Load testing for anything that speaks TCP, scripted in k6-style JavaScript.",
        footer = {"", ExitCodes.HELP_TABLE})
public final class LoadTcpCommand implements Runnable {
    /** Every subcommand by its name, in the order help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("run", RunCommand.class);
        all.put("bench", BenchCommand.class);
        all.put("demo", DemoCommand.class);
        all.put("serve", ServeCommand.class);
        all.put("version", VersionCommand.class);
        all.put("record", RecordCommand.class);
        all.put("replay", ReplayCommand.class);
        all.put("tape", TapeCommand.class);
        all.put("status", LiveControlCommands.Status.class);
        all.put("pause", LiveControlCommands.Pause.class);
        all.put("resume", LiveControlCommands.Resume.class);
        all.put("scale", LiveControlCommands.Scale.class);
        return all;
    }

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

    /** The whole command line, every subcommand registered; tests use it with their own out/err writers. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The command line for {@code args}. Picocli builds each command's model by reflection over its options, which
     * for all of them took ~50 ms of every launch (class-load timeline). When the first argument
     * names a subcommand, that one alone is registered: its parsing, help and errors are the same. Anything else
     * (no arguments, {@code --help}, an unknown name that picocli suggests alternatives for) gets the whole tree.
     */
    public static CommandLine newCommandLine(String[] args) {
        CommandLine cli = new CommandLine(new LoadTcpCommand());
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) cli.addSubcommand(named);
        else SUBCOMMANDS.values().forEach(cli::addSubcommand);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        addExitCodeFooter(cli);
        return cli;
    }
}
