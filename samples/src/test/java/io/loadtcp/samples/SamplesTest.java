package io.loadtcp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.cli.LoadTcpCommand;
import io.loadtcp.engine.target.ServerTls;
import io.loadtcp.engine.target.TargetServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every sample script runs against the built-in target and passes all its checks (short, bounded runs). */
class SamplesTest {
    private static final Path SCRIPTS = Path.of("scripts");

    private static String run(String script, TargetServer target, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = LoadTcpCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[]{"run", SCRIPTS.resolve(script).toString(), "--quiet", "--duration", "2s", "--vus", "3",
                "-e", "PORT=" + target.address().getPort()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        int code = cli.execute(all);
        String text = out + "\n" + err;
        assertEquals(0, code, text);
        assertTrue(text.contains("checks_succeeded: 100%"), text);
        assertFalse(text.contains("✗") || text.contains("ERRO"), text);
        return text;
    }

    @Test
    void echo() throws Exception {
        try (TargetServer t = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            run("echo.js", t);
        }
    }

    @Test
    void lengthPrefixedBinaryProtocol() throws Exception {
        try (TargetServer t = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            String text = run("length-prefixed.js", t);
            assertTrue(text.contains("tcp_sockets") , text);
        }
    }

    @Test
    void tlsEcho() throws Exception {
        try (TargetServer t = TargetServer.builder(TargetServer.Mode.ECHO).listen(new InetSocketAddress("127.0.0.1", 0))
                .tls(ServerTls.selfSigned()).start()) {
            run("tls-echo.js", t);
        }
    }
}
