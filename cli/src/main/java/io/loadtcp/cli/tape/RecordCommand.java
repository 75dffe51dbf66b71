package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.IoErrors;
import io.loadtcp.cli.SignalStop;
import io.loadtcp.cli.UserError;
import io.loadtcp.engine.tape.TapeWriter;
import io.loadtcp.engine.tape.record.ProxyConfig;
import io.loadtcp.engine.tape.record.RecordingProxy;
import io.loadtcp.engine.tape.record.Route;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadtcp record}: a recording man-in-the-middle proxy, plain or as a Testable-style gateway. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record TCP sessions: listen, forward every connection to the target, and write both directions "
                + "to a tape as they happen. Runs until Ctrl-C (or --connections).",
            "Gateway mode: each client first sends 'TestableGateway KEY\\n'; the gateway strips it, connects to KEY's "
                + "--route and records to DIR/KEY.tape."},
        footer = {"", "Examples:",
            "  loadtcp record --target 127.0.0.1:6379 --tape redis.tape --show",
            "  loadtcp record --gateway --route cache=127.0.0.1:6379 --route echo=127.0.0.1:7001 --tape tapes/"})
public final class RecordCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7000",
            description = "Where clients connect (default: ${DEFAULT-VALUE}). Loopback unless --allow-remote.")
    String listen;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "The server to forward to (plain mode).")
    String target;

    @Option(names = "--gateway", description = "Gateway mode: route each connection by its 'TestableGateway KEY' preamble.")
    boolean gateway;

    @Option(names = "--route", paramLabel = "KEY=HOST:PORT", description = "A gateway route (repeatable).")
    List<String> routes = new ArrayList<>();

    @Option(names = "--tape", required = true, paramLabel = "PATH",
            description = "The tape to write (replaced if it exists); in gateway mode a folder that gets one KEY.tape per route.")
    Path tape;

    @Option(names = "--show", description = "Print every chunk as it passes: time, direction, size and a preview.")
    boolean show;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "0",
            description = "Stop after N connections have closed (default: run until Ctrl-C).")
    int connections;

    @Option(names = "--allow-remote", description = "Allow a --listen address that is not loopback.")
    boolean allowRemote;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for the target to accept (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = "--verbose", hidden = true, description = "Show stack traces of errors.")
    boolean verbose;

    @Mixin ListenTlsOptions listenTls;
    @Mixin TargetTlsOptions targetTls;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress listenAddress = Endpoints.listen(listen, allowRemote);
        Duration timeout = Durations.parse(connectTimeout, "--connect-timeout");
        Map<String, InetSocketAddress> targets = targets();
        var serverTls = listenTls.listenContext();
        var clientTls = targetTls.targetContext();
        Map<String, TapeWriter> writers = openTapes(targets.keySet());
        RecordingProxy proxy;
        List<Route> routeList = new ArrayList<>();
        targets.forEach((key, a) -> routeList.add(new Route(key, a.getHostString(), a.getPort(), writers.get(key))));
        ProxyConfig config = (gateway ? ProxyConfig.gateway(listenAddress, routeList) : ProxyConfig.plain(listenAddress, routeList.getFirst()))
                .withTls(serverTls, clientTls).withTimeouts(timeout, Duration.ofSeconds(10));
        RecordPrinter printer = new RecordPrinter(out, show, connections);
        try {
            proxy = RecordingProxy.start(config, printer);
        } catch (IOException e) {
            closeAll(writers);
            throw new UserError(ExitCodes.IO_ERROR, e.getMessage(), e);
        }
        printer.onEnough(() -> proxy.requestStop("recorded " + connections + " connections"));
        // Ctrl-C / SIGTERM ends a recording normally: the tape is closed and the command returns its own exit code.
        SignalStop stopping = SignalStop.install(sig -> proxy.requestStop("interrupted"), null, out, ExitCodes.STOPPED_BY_SIGNAL)
                .alsoOnShutdown("loadtcp-record-shutdown");
        synchronized (out) {
            out.println("recording on " + listen + (serverTls != null ? " (TLS)" : "") + " -> "
                    + (gateway ? routeList.size() + " gateway routes" : routeList.getFirst().target() + (clientTls != null ? " (TLS)" : ""))
                    + ", tape " + tape + "; Ctrl-C to stop");
            out.flush();
        }
        String reason;
        try {
            reason = proxy.stopRequested().join();
        } finally {
            proxy.close();
            closeAll(writers);
            stopping.close();
        }
        IOException failure = writers.values().stream().map(TapeWriter::failure).filter(f -> f != null).findFirst().orElse(null);
        long events = writers.values().stream().mapToLong(TapeWriter::events).sum();
        long bytes = writers.values().stream().mapToLong(TapeWriter::dataBytes).sum();
        synchronized (out) {
            out.println("stopped (" + reason + "): " + printer.closedConnections() + " connections, " + events + " events, "
                    + bytes + " bytes written to " + tape);
            out.flush();
        }
        if (failure != null) {
            throw new UserError(ExitCodes.IO_ERROR, reason + "; the tape keeps what was recorded before", failure);
        }
        return ExitCodes.OK;
    }

    /** Route key (null in plain mode) to target, checking the mode's options. */
    private Map<String, InetSocketAddress> targets() {
        Map<String, InetSocketAddress> targets = new LinkedHashMap<>();
        if (gateway == (target != null)) {
            throw new UserError(ExitCodes.USAGE, "give either --target HOST:PORT or --gateway with --route KEY=HOST:PORT");
        }
        if (!gateway) {
            if (!routes.isEmpty()) throw new UserError(ExitCodes.USAGE, "--route needs --gateway");
            targets.put(null, Endpoints.target(target, "--target"));
            return targets;
        }
        if (routes.isEmpty()) throw new UserError(ExitCodes.USAGE, "--gateway needs at least one --route KEY=HOST:PORT");
        for (String r : routes) {
            int eq = r.indexOf('=');
            String key = eq > 0 ? r.substring(0, eq) : "";
            if (!key.matches("[A-Za-z0-9._-]+")) {
                throw new UserError(ExitCodes.USAGE, "invalid --route '" + r + "': expected KEY=HOST:PORT, KEY made of letters, "
                        + "digits, '.', '_' or '-'");
            }
            if (targets.put(key, Endpoints.target(r.substring(eq + 1), "--route " + key)) != null) {
                throw new UserError(ExitCodes.USAGE, "--route " + key + " is given twice");
            }
        }
        return targets;
    }

    private Map<String, TapeWriter> openTapes(Iterable<String> keys) {
        Map<String, TapeWriter> writers = new LinkedHashMap<>();
        if (gateway) {
            if (Files.exists(tape) && !Files.isDirectory(tape)) {
                throw new UserError(ExitCodes.USAGE, "in gateway mode --tape is a folder (one KEY.tape per route), but "
                        + tape + " is a file");
            }
        } else if (Files.isDirectory(tape)) {
            throw new UserError(ExitCodes.USAGE, "--tape " + tape + " is a folder; give a file name, e.g. " + tape.resolve("session.tape"));
        }
        for (String key : keys) {
            Path file = gateway ? tape.resolve(key + ".tape") : tape;
            try {
                writers.put(key, TapeWriter.create(file));
            } catch (IOException e) {
                closeAll(writers);
                throw new UserError(ExitCodes.IO_ERROR, "cannot write tape " + file + ": " + IoErrors.describe(e), e);
            }
        }
        return writers;
    }

    private static void closeAll(Map<String, TapeWriter> writers) {
        for (TapeWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException ignored) {
                // the write error, if any, was reported when it happened
            }
        }
    }
}
