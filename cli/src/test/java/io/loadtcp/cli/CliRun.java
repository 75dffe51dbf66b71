package io.loadtcp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the loadtcp command line in-process and captures what it prints, as a user would see it. */
public record CliRun(int exitCode, String out, String err) {
    /** Runs with an empty environment, so LOADTCP_* / K6_* variables of the machine cannot change the test. */
    public static CliRun of(String... args) {
        return withEnv(Map.of(), args);
    }

    /** Runs with {@code environment} as the one {@code run} reads options from (LOADTCP_VUS, K6_VUS, …). */
    public static CliRun withEnv(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = LoadTcpCommand.newCommandLine(args); // as Main builds it: only the subcommand args name
        var run = cli.getSubcommands().get("run");
        if (run != null) ((RunCommand) run.getCommand()).environment = environment;
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Writes {@code source} as {@code name} in {@code dir} and returns its path as a string. */
    public static String script(Path dir, String name, String source) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, source);
        return p.toString();
    }

    /** The summary line of {@code metric}, e.g. "tcp_errors......: 3  1.2/s". */
    public String metricLine(String metric) {
        return out.lines().map(String::trim).filter(l -> l.startsWith(metric + ".") || l.startsWith(metric + ":"))
                .findFirst().orElseThrow(() -> new AssertionError("no summary line for " + metric + " in:\n" + out + err));
    }

    /** The first number after the colon of {@code metric}'s summary line. */
    public double metricCount(String metric) {
        String v = metricLine(metric).replaceFirst("^[^:]*:\\s*", "").split("\\s+")[0];
        return Double.parseDouble(v);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
