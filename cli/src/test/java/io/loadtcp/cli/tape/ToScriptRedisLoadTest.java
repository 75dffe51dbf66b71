package io.loadtcp.cli.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.cli.LoadTcpCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * From recording to load test: record a redis-cli session, turn it into a script, run it with 20 VUs.
 * Needs the {@code run} command (the scripting engine); until it is registered this test fails with exit code 2.
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
            int exit = LoadTcpCommand.newCommandLine().execute("run", script.toString(), "--vus", "20", "--iterations", "100");
            assertEquals(0, exit, "loadtcp run of the generated script");
        }
    }
}
