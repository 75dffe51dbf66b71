package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.SignalStop;
import io.loadtcp.cli.UserError;
import io.loadtcp.engine.tape.TapeContents;
import io.loadtcp.engine.tape.replay.ReplayOptions;
import io.loadtcp.engine.tape.replay.ReplayReport;
import io.loadtcp.engine.tape.replay.ReplayServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtcp replay server}: a mock server that answers clients with the recorded bytes. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Play the server side of a tape: check every byte a client sends against the tape and answer "
                + "with the recorded bytes. Each connection replays the tape's next recorded connection (cycling).",
            "A mismatch prints expected and received bytes, drops that connection and keeps serving."})
public final class ReplayServerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7000",
            description = "Where to listen (default: ${DEFAULT-VALUE}). Loopback unless --allow-remote.")
    String listen;

    @Option(names = "--allow-remote", description = "Allow a --listen address that is not loopback.")
    boolean allowRemote;

    @Parameters(paramLabel = "FILE", description = "The tape.")
    Path file;

    @Mixin ReplayOptionsMixin replay;
    @Mixin ListenTlsOptions tls;

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress address = Endpoints.listen(listen, allowRemote);
        ReplayOptions options = replay.toOptions();
        var sslContext = tls.listenContext();
        TapeContents tape = Tapes.readNonEmpty(file, spec.commandLine().getErr());
        ReplayPrinter printer = new ReplayPrinter(spec.commandLine().getOut(), options.diff());
        ReplayServer server;
        try {
            server = ReplayServer.start(address, tape.connections(), options, sslContext, printer);
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, e.getMessage(), e);
        }
        // Ctrl-C / SIGTERM ends a replay normally: the command still reports and exits 0 or 3 (mismatch).
        SignalStop stopping = SignalStop.install(sig -> server.done().complete(server.report()), null,
                spec.commandLine().getErr(), ExitCodes.STOPPED_BY_SIGNAL).alsoOnShutdown("loadtcp-replay-shutdown");
        printer.print("replaying the server side of " + file + " (" + tape.connections().size() + " connections) on "
                + listen + "; Ctrl-C to stop");
        ReplayReport report;
        try {
            report = server.done().join();
        } finally {
            server.close();
            stopping.close();
        }
        printer.summary(report);
        return report.failed() > 0 ? ExitCodes.REPLAY_MISMATCH : ExitCodes.OK;
    }
}
