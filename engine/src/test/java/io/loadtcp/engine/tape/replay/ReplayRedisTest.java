package io.loadtcp.engine.tape.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.engine.tape.RecordedConnection;
import io.loadtcp.engine.tape.RedisServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Replays proved against real redis-server and redis-cli. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayRedisTest {
    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    @TempDir static Path dir;
    static List<RecordedConnection> tape;

    @BeforeAll
    static void record() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server/redis-cli not installed");
        Path file = dir.resolve("redis.tape");
        try (RedisServer redis = RedisServer.start()) {
            Recordings.assertSessionOutputs(Recordings.redis(redis.port(), file, Recordings.SESSION));
        }
        tape = RecordedConnection.readAll(file, w -> { throw new AssertionError(w); });
        assertEquals(3, tape.size());
    }

    @Test
    void replayServerAnswersRedisCliExactlyAndDropsOnlyAMismatchingConnection() throws Exception {
        try (ReplayServer server = ReplayServer.start(ANY_LOOPBACK, tape, ReplayOptions.defaults(), null, new ReplayListener() {})) {
            int port = server.localAddress().getPort();
            Recordings.assertSessionOutputs(List.of(
                    RedisServer.cli(port, "SET", "k", "v"), RedisServer.cli(port, "GET", "k"), RedisServer.cli(port, "INCR", "hits")));
            // the fourth connection replays the first recording (SET k v) but redis-cli sends SET k w
            String wrong = RedisServer.cli(port, "SET", "k", "w");
            assertFalse(wrong.equals("OK"), wrong);
            // and the server keeps serving: the fifth replays GET k
            assertEquals("v", RedisServer.cli(port, "GET", "k"));
            Thread.sleep(100);
            ReplayReport report = server.report();
            assertEquals(5, report.results().size(), report.toString());
            assertEquals(4, report.matched());
            PlayResult bad = report.results().stream().filter(r -> !r.matched()).findFirst().orElseThrow();
            assertTrue(bad.problem().contains("bytes differ at offset 24 of the client-to-server stream"), bad.problem());
            String diff = DiffFormatter.format(bad.mismatch(), DiffFormatter.Mode.TEXT);
            assertTrue(diff.contains("expected: ...SET\\r\\n$1\\r\\nk\\r\\n$1\\r\\nv\\r\\n"), diff);
            assertTrue(diff.contains("received: ...SET\\r\\n$1\\r\\nk\\r\\n$1\\r\\nw\\r\\n"), diff);
        }
    }

    @Test
    void replayClientPassesAgainstAFreshServer() throws Exception {
        try (RedisServer fresh = RedisServer.start()) {
            ReplayReport report = new ReplayClient(new InetSocketAddress("127.0.0.1", fresh.port()), ReplayOptions.defaults(), null)
                    .run(tape, new ReplayListener() {});
            assertTrue(report.allMatched(), report.toString());
            assertEquals(3, report.results().size());
            assertEquals("2", fresh.cli("INCR", "hits"), "the replay really ran the commands");
        }
    }

    @Test
    void replayClientFailsWithADiffAgainstAChangedServer() throws Exception {
        try (RedisServer changed = RedisServer.start()) {
            changed.cli("SET", "hits", "41");
            ReplayReport report = new ReplayClient(new InetSocketAddress("127.0.0.1", changed.port()), ReplayOptions.defaults(), null)
                    .run(tape, new ReplayListener() {});
            assertFalse(report.allMatched());
            PlayResult bad = report.results().get(2);
            assertTrue(bad.problem().contains("bytes differ at offset 1 of the server-to-client stream"), bad.problem());
            assertNotNull(bad.mismatch());
            String diff = DiffFormatter.format(bad.mismatch(), DiffFormatter.Mode.HEX);
            assertEquals("  expected: 3a 31 0d 0a\n"
                    + "  received: 3a 34 32 0d 0a\n"
                    + "               ^^", diff);
        }
    }

    @Test
    void noAssertOnlyCountsBytes() throws Exception {
        try (RedisServer changed = RedisServer.start()) {
            changed.cli("SET", "hits", "41");
            ReplayReport report = new ReplayClient(new InetSocketAddress("127.0.0.1", changed.port()),
                    ReplayOptions.defaults().withAssert(false), null).run(tape, new ReplayListener() {});
            assertTrue(report.allMatched(), report.toString());
        }
    }

    @Test
    void abortStopsTheServerAtTheFirstMismatch() throws Exception {
        try (ReplayServer server = ReplayServer.start(ANY_LOOPBACK, tape, ReplayOptions.defaults().withAbort(true), null,
                new ReplayListener() {})) {
            RedisServer.cli(server.localAddress().getPort(), "SET", "k", "nope");
            ReplayReport report = server.done().get(10, TimeUnit.SECONDS);
            assertEquals(1, report.failed());
        }
    }
}
