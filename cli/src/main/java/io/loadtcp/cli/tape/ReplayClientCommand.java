package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.UserError;
import io.loadtcp.engine.tape.TapeContents;
import io.loadtcp.engine.tape.replay.ReplayClient;
import io.loadtcp.engine.tape.replay.ReplayOptions;
import io.loadtcp.engine.tape.replay.ReplayReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtcp replay client}: replays the recorded client against a live server and checks its answers. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Play the client side of a tape against a live server, connection after connection, and check "
                + "that the server answers with the recorded bytes.",
            "Exit code 0: the server matched the tape; 3: it did not."})
public final class ReplayClientCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The server to check.")
    String target;

    @Parameters(paramLabel = "FILE", description = "The tape.")
    Path file;

    @Mixin ReplayOptionsMixin replay;
    @Mixin TargetTlsOptions tls;

    @Override
    public Integer call() throws InterruptedException {
        var address = Endpoints.target(target, "--target");
        ReplayOptions options = replay.toOptions();
        var sslContext = tls.targetContext();
        TapeContents tape = Tapes.readNonEmpty(file, spec.commandLine().getErr());
        ReplayPrinter printer = new ReplayPrinter(spec.commandLine().getOut(), options.diff());
        ReplayReport report;
        try {
            report = new ReplayClient(address, options, sslContext).run(tape.connections(), printer);
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, e.getMessage(), e);
        }
        printer.summary(report);
        return report.allMatched() ? ExitCodes.OK : ExitCodes.REPLAY_MISMATCH;
    }
}
