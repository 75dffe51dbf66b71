package io.loadtcp.cli.tape;

import io.loadtcp.engine.tape.RedisServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * From recording to load test: record a redis-cli session, turn it into a script, run it with 20 VUs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ToScriptRedisLoadTest {
    @TempDir Path dir;

    @Test
    void aRecordedRedisSessionRunsAsALoadTestAndPasses() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server/redis-cli not installed");
        Path tape = dir.resolve("redis.tape");
        Path script = dir.resolve("redis.js");
        try (RedisServer redis = RedisServer.start()) {
            Recorded.redis(redis.port(), tape, List.of(List.of("SET", "k", "v"), List.of("GET", "k"), List.of("PING")));
            Cli toScript = Cli.run("tape", "to-script", tape.toString(), "-o", script.toString());
            assertEquals(0, toScript.exit, toScript.err());
            Cli run = Cli.run("run", script.toString(), "--vus", "20", "--iterations", "100", "--quiet");
            String shown = run.out() + run.err();
            assertEquals(0, run.exit, shown);
            // every recorded step's check passed, in every one of the 100 iterations
            assertTrue(run.out().contains("checks_succeeded: 100%"), shown);
            assertFalse(run.out().contains("✗") || run.err().contains("ERRO"), shown);
            assertTrue(run.out().matches("(?s).*iterations\\.*: 100 .*"), shown);
        }
    }
}
