package io.loadtcp.cli.tape;

import io.loadtcp.engine.tape.RedisServer;
import io.loadtcp.engine.testing.TestMachine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadtcp.cli.ExitCodes;
import java.nio.file.Path;
import java.util.List;

/** Test helper: records redis-cli commands with {@code loadtcp record}, one connection per command. */
final class Recorded {
    private Recorded() {}

    static List<String> redis(int redisPort, Path tape, List<List<String>> commands) throws Exception {
        int port = TestMachine.freeLoopbackPort();
        Cli record = Cli.start("record", "--listen", "127.0.0.1:" + port, "--target", "127.0.0.1:" + redisPort,
                "--tape", tape.toString(), "--connections", String.valueOf(commands.size()));
        record.awaitOut("recording on");
        List<String> outputs = new java.util.ArrayList<>();
        for (List<String> c : commands) outputs.add(RedisServer.cli(port, c.toArray(String[]::new)));
        assertEquals(ExitCodes.OK, record.await(), record.err());
        return outputs;
    }
}
