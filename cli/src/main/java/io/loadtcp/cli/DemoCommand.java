package io.loadtcp.cli;

import io.loadtcp.engine.target.TargetServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loadtcp demo}: a real load test with nothing to set up — starts the built-in echo target on loopback and
 * runs the echo sample ({@code samples/scripts/echo.js}) against it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the built-in echo target on 127.0.0.1 and run samples/scripts/echo.js against it.")
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--vus", description = "Virtual users (default ${DEFAULT-VALUE}).")
    int vus = 20;

    @Option(names = "--duration", description = "How long (default ${DEFAULT-VALUE}).")
    String duration = "10s";

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("loadtcp-demo");
        Path script = dir.resolve("echo.js");
        try (InputStream in = getClass().getResourceAsStream("demo/echo.js")) {
            Files.copy(in, script);
        }
        try (TargetServer echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            spec.commandLine().getErr().println("loadtcp demo: echo target listening on " + echo.address()
                    + "; running the echo sample with " + vus + " VUs for " + duration);
            String[] run = {"run", script.toString(), "--vus", Integer.toString(vus), "--duration", duration,
                    "-e", "PORT=" + echo.address().getPort()};
            // A command line of its own: the one this command came from may register only "demo" (LoadTcpCommand).
            CommandLine cli = LoadTcpCommand.newCommandLine(run);
            cli.setOut(spec.commandLine().getOut());
            cli.setErr(spec.commandLine().getErr());
            return cli.execute(run);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(dir);
        }
    }
}
