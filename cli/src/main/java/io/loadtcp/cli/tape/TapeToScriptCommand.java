package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.IoErrors;
import io.loadtcp.cli.UserError;
import io.loadtcp.engine.tape.TapeContents;
import io.loadtcp.engine.tape.script.ScriptGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtcp tape to-script FILE}: a k6-style script whose VUs replay the recorded client side. */
@Command(name = "to-script", mixinStandardHelpOptions = true,
        description = {"Write a load test script whose VUs replay the client side of the tape and check every answer "
                + "against the recording.", "Run it with: loadtcp run SCRIPT --vus 10 --duration 30s"})
public final class TapeToScriptCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The tape.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "SCRIPT", description = "Write the script here (default: standard output).")
    Path output;

    @Option(names = "--verbose", hidden = true)
    boolean verbose;

    @Override
    public Integer call() {
        TapeContents tape = Tapes.readNonEmpty(file, spec.commandLine().getErr());
        String script = new ScriptGenerator().generate(file.getFileName().toString(), tape.startEpochMillis(), tape.connections());
        if (output == null) {
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(output, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, "cannot write " + output + ": " + IoErrors.describe(e), e);
        }
        spec.commandLine().getErr().println("wrote " + output + " (" + tape.connections().size() + " connections)");
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
