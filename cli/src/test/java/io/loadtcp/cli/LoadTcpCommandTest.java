package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line Main builds registers only the subcommand the arguments name, with no visible difference. */
class LoadTcpCommandTest {
    @Test
    void theRegistryNamesEachSubcommandAsItsOwnAnnotationDoes() {
        CommandLine full = LoadTcpCommand.newCommandLine();
        assertEquals(List.copyOf(LoadTcpCommand.SUBCOMMANDS.keySet()), List.copyOf(full.getSubcommands().keySet()));
    }

    @Test
    void aNamedSubcommandAloneHasTheSameHelpAsInTheWholeTree() {
        CommandLine full = LoadTcpCommand.newCommandLine();
        for (String name : LoadTcpCommand.SUBCOMMANDS.keySet()) {
            CommandLine alone = LoadTcpCommand.newCommandLine(new String[] {name, "--help"});
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()));
            assertEquals(full.getSubcommands().get(name).getUsageMessage(), alone.getSubcommands().get(name).getUsageMessage(), name);
            for (Map.Entry<String, CommandLine> nested : full.getSubcommands().get(name).getSubcommands().entrySet()) {
                assertEquals(nested.getValue().getUsageMessage(),
                        alone.getSubcommands().get(name).getSubcommands().get(nested.getKey()).getUsageMessage(),
                        name + " " + nested.getKey());
            }
        }
    }

    @Test
    void anythingElseGetsTheWholeTreeSoHelpListsAllAndTyposGetSuggestions() {
        assertEquals(LoadTcpCommand.SUBCOMMANDS.size(), LoadTcpCommand.newCommandLine(new String[] {"--help"}).getSubcommands().size());
        StringWriter err = new StringWriter();
        CommandLine cli = LoadTcpCommand.newCommandLine(new String[] {"runn"});
        cli.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.USAGE, cli.execute("runn"));
        assertTrue(err.toString().contains("Did you mean: loadtcp run"), err.toString());
    }
}
