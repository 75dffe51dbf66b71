package io.loadtcp.cli.tape;

import io.loadtcp.engine.tape.RedisServer;
import io.loadtcp.engine.testing.TestMachine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordCommandTest {
    @TempDir Path dir;

    @Test
    void recordsRedisCliSessionsAndShowsEachChunkLive() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server/redis-cli not installed");
        Path tape = dir.resolve("redis.tape");
        try (RedisServer redis = RedisServer.start()) {
            int port = TestMachine.freeLoopbackPort();
            Cli record = Cli.start("record", "--listen", "127.0.0.1:" + port, "--target", "127.0.0.1:" + redis.port(),
                    "--tape", tape.toString(), "--show", "--connections", "2");
            record.awaitOut("recording on");
            assertEquals("OK", RedisServer.cli(port, "SET", "k", "v"));
            assertEquals("v", RedisServer.cli(port, "GET", "k"));
            assertEquals(ExitCodes.OK, record.await(), record.err());
            String out = record.out();
            assertTrue(out.contains("#1 open   127.0.0.1:"), out);
            assertTrue(out.contains("C->S     27 bytes  \"*3\\r\\n$3\\r\\nSET\\r\\n$1\\r\\nk\\r\\n$1\\r\\nv\\r\\n\""), out);
            assertTrue(out.contains("S->C      5 bytes  \"+OK\\r\\n\""), out);
            assertTrue(out.contains("#2 closed (closed)"), out);
            assertTrue(out.contains("stopped (recorded 2 connections): 2 connections"), out);
        }
        Cli describe = Cli.run("tape", "describe", tape.toString());
        assertEquals(0, describe.exit, describe.err());
        assertTrue(describe.out().contains("CLIENT_TO_SERVER (27 bytes)"), describe.out());
    }

    @Test
    void gatewayWritesOneTapePerKey() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server/redis-cli not installed");
        Path tapes = dir.resolve("tapes");
        try (RedisServer one = RedisServer.start(); RedisServer two = RedisServer.start()) {
            one.cli("SET", "name", "one");
            two.cli("SET", "name", "two");
            int port = TestMachine.freeLoopbackPort();
            Cli record = Cli.start("record", "--gateway", "--listen", "127.0.0.1:" + port,
                    "--route", "first=127.0.0.1:" + one.port(), "--route", "second=127.0.0.1:" + two.port(),
                    "--tape", tapes + "/", "--connections", "2");
            record.awaitOut("recording on");
            assertEquals("$3\r\none\r\n", gatewayGet(port, "first"));
            assertEquals("$3\r\ntwo\r\n", gatewayGet(port, "second"));
            assertEquals(ExitCodes.OK, record.await(), record.err());
            assertTrue(record.out().contains("[first] #1 open"), record.out());
        }
        assertTrue(Files.size(tapes.resolve("first.tape")) > 20);
        assertTrue(Files.size(tapes.resolve("second.tape")) > 20);
        Cli describe = Cli.run("tape", "describe", "--dump", "text", tapes.resolve("second.tape").toString());
        assertTrue(describe.out().contains("\"$3\\r\\n\"") && !describe.out().contains("TestableGateway"), describe.out());
    }

    private static String gatewayGet(int port, String key) throws Exception {
        try (var s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("TestableGateway " + key + "\n*2\r\n$3\r\nGET\r\n$4\r\nname\r\n").getBytes());
            byte[] answer = s.getInputStream().readNBytes(9);
            return new String(answer);
        }
    }

    @Test
    void refusesANonLoopbackListenAddressUnlessAsked() {
        Cli c = Cli.run("record", "--listen", "0.0.0.0:7000", "--target", "127.0.0.1:1", "--tape", dir.resolve("x.tape").toString());
        assertEquals(ExitCodes.USAGE, c.exit);
        assertTrue(c.err().startsWith("error: refusing to listen on 0.0.0.0:7000: not a loopback address"), c.err());
        assertTrue(c.err().contains("--allow-remote"), c.err());
        assertEquals(1, c.err().strip().lines().count());
    }

    @Test
    void aTapeUnderAFileInsteadOfAFolderIsAOneLineErrorSayingSo() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a folder");
        Path tape = file.resolve("x.tape");
        Cli c = Cli.run("record", "--listen", "127.0.0.1:0", "--target", "127.0.0.1:1", "--tape", tape.toString());
        assertEquals(ExitCodes.IO_ERROR, c.exit, c.err());
        assertEquals("error: cannot write tape " + tape + ": " + file + ": exists, and is not a folder", c.err().strip());
    }

    @Test
    void aFullDiskIsAOneLineError() {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full on this system");
        Cli c = Cli.run("record", "--listen", "127.0.0.1:0", "--target", "127.0.0.1:1", "--tape", "/dev/full");
        assertEquals(ExitCodes.IO_ERROR, c.exit, c.err());
        assertEquals("error: cannot write tape /dev/full: No space left on device", c.err().strip());
    }

    @Test
    void anUnreachableBackendIsReportedWithTheReason() throws Exception {
        int closed = TestMachine.freeLoopbackPort();
        int port = TestMachine.freeLoopbackPort();
        Cli record = Cli.start("record", "--listen", "127.0.0.1:" + port, "--target", "127.0.0.1:" + closed,
                "--tape", dir.resolve("u.tape").toString(), "--connections", "1");
        record.awaitOut("recording on");
        try (var s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read());
        }
        record.awaitOut("refused 127.0.0.1:");
        assertTrue(record.out().contains("cannot connect to 127.0.0.1:" + closed), record.out());
        assertEquals(ExitCodes.OK, record.await(), "--connections counts refused clients too");
    }

    @Test
    void usageErrorsAreOneLine() {
        Cli c = Cli.run("record", "--tape", dir.resolve("x.tape").toString());
        assertEquals(ExitCodes.USAGE, c.exit);
        assertEquals("error: give either --target HOST:PORT or --gateway with --route KEY=HOST:PORT", c.err().strip());
        Cli bad = Cli.run("record", "--gateway", "--route", "nokey", "--tape", dir.toString());
        assertEquals(ExitCodes.USAGE, bad.exit);
        assertTrue(bad.err().startsWith("error: invalid --route 'nokey'"), bad.err());
    }
}
