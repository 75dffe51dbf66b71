package io.loadtcp.cli.tape;

import io.loadtcp.cli.LoadTcpCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs loadtcp commands in-process with captured output, in the foreground or in the background. */
final class Cli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final CommandLine cli = LoadTcpCommand.newCommandLine();

    Cli() {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
    }

    static Cli run(String... args) {
        Cli c = new Cli();
        c.exit = c.cli.execute(args);
        return c;
    }

    int exit = -1;

    /** Starts the command on a thread; the future completes with its exit code. */
    static Cli start(String... args) {
        Cli c = new Cli();
        c.running = CompletableFuture.supplyAsync(() -> c.cli.execute(args), r -> Thread.ofPlatform().daemon().start(r));
        return c;
    }

    CompletableFuture<Integer> running;

    String out() {
        synchronized (out.getBuffer()) {
            return out.toString();
        }
    }

    String err() {
        return err.toString();
    }

    /** Waits until standard output contains {@code text}. */
    void awaitOut(String text) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (out().contains(text)) return;
            if (running != null && running.isDone()) break;
            Thread.sleep(10);
        }
        throw new AssertionError("never printed '" + text + "'; out: " + out() + " err: " + err());
    }

    int await() throws Exception {
        return running.get(30, TimeUnit.SECONDS);
    }
}
