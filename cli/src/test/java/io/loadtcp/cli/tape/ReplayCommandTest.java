package io.loadtcp.cli.tape;

import io.loadtcp.engine.tape.RedisServer;
import io.loadtcp.engine.testing.TestMachine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.cli.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayCommandTest {
    @TempDir static Path dir;
    static Path tape;

    @BeforeAll
    static void record() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server/redis-cli not installed");
        tape = dir.resolve("redis.tape");
        try (RedisServer redis = RedisServer.start()) {
            assertEquals(List.of("OK", "v", "1"), Recorded.redis(redis.port(), tape,
                    List.of(List.of("SET", "k", "v"), List.of("GET", "k"), List.of("INCR", "hits"))));
        }
    }

    @Test
    void replayClientPassesAgainstAFreshRedis() throws Exception {
        try (RedisServer fresh = RedisServer.start()) {
            Cli c = Cli.run("replay", "client", "--target", "127.0.0.1:" + fresh.port(), tape.toString());
            assertEquals(ExitCodes.OK, c.exit, c.out() + c.err());
            assertTrue(c.out().contains("3 of 3 connections matched the tape"), c.out());
        }
    }

    @Test
    void replayClientExitsThreeWithADiffAgainstAChangedRedis() throws Exception {
        try (RedisServer changed = RedisServer.start()) {
            changed.cli("SET", "hits", "41");
            Cli c = Cli.run("replay", "client", "--target", "127.0.0.1:" + changed.port(), "--diff", "text", tape.toString());
            assertEquals(ExitCodes.REPLAY_MISMATCH, c.exit, c.out() + c.err());
            String out = c.out();
            assertTrue(out.contains("#3 MISMATCH: bytes differ at offset 1 of the server-to-client stream"), out);
            assertTrue(out.contains("  expected: :1\\r\\n\n  received: :42\\r\\n\n             ^\n"), out);
            assertTrue(out.contains("2 of 3 connections matched the tape"), out);
        }
    }

    @Test
    void replayServerAnswersRedisCliLikeRedis() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        Cli server = Cli.start("replay", "server", "--listen", "127.0.0.1:" + port, "--once", tape.toString());
        server.awaitOut("replaying the server side");
        assertEquals("OK", RedisServer.cli(port, "SET", "k", "v"));
        assertEquals(ExitCodes.OK, server.await(), server.out() + server.err());
        assertTrue(server.out().contains("#1 matched"), server.out());
    }

    @Test
    void replayServerAbortExitsThreeAtTheFirstMismatch() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        Cli server = Cli.start("replay", "server", "--listen", "127.0.0.1:" + port, "--abort", tape.toString());
        server.awaitOut("replaying the server side");
        RedisServer.cli(port, "SET", "k", "different");
        assertEquals(ExitCodes.REPLAY_MISMATCH, server.await(), server.out() + server.err());
        assertTrue(server.out().contains("#1 MISMATCH: bytes differ at offset 21 of the client-to-server stream"), server.out());
    }

    @Test
    void anUnreachableTargetIsAnIoError() throws Exception {
        int closed = TestMachine.freeLoopbackPort();
        Cli c = Cli.run("replay", "client", "--target", "127.0.0.1:" + closed, tape.toString());
        assertEquals(ExitCodes.IO_ERROR, c.exit);
        assertTrue(c.err().startsWith("error: cannot connect to 127.0.0.1:" + closed), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
    }
}
