package io.loadtcp.engine.tape.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.RecordedConnection;
import io.loadtcp.engine.tape.TapeEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptGeneratorTest {
    @TempDir Path dir;

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static List<RecordedConnection> tape() {
        return List.of(
                new RecordedConnection(1, "127.0.0.1:40000", "127.0.0.1:6379", List.of(
                        new TapeEvent.Opened(1, 0, "127.0.0.1:40000", "127.0.0.1:6379"),
                        new TapeEvent.Data(1, 100, Direction.CLIENT_TO_SERVER, ascii("*3\r\n$3\r\nSET\r\n")),
                        new TapeEvent.Data(1, 200, Direction.CLIENT_TO_SERVER, ascii("$1\r\nk\r\n$1\r\nv\r\n")),
                        new TapeEvent.Data(1, 2_000_200, Direction.SERVER_TO_CLIENT, ascii("+OK\r\n")),
                        new TapeEvent.Data(1, 3_000_000, Direction.CLIENT_TO_SERVER, ascii("*1\r\n$4\r\nPING\r\n")),
                        new TapeEvent.Data(1, 3_500_000, Direction.SERVER_TO_CLIENT, ascii("+PONG\r\n")),
                        new TapeEvent.Closed(1, 4_000_000))),
                new RecordedConnection(2, "127.0.0.1:40001", "127.0.0.1:6379", List.of(
                        new TapeEvent.Opened(2, 5_000_000, "127.0.0.1:40001", "127.0.0.1:6379"),
                        new TapeEvent.Data(2, 5_000_100, Direction.SERVER_TO_CLIENT, new byte[] {0, (byte) 0xca, (byte) 0xfe}),
                        new TapeEvent.Data(2, 6_000_100, Direction.CLIENT_TO_SERVER, new byte[] {1, 2, 3, (byte) 0xff}),
                        new TapeEvent.Closed(2, 7_000_000))));
    }

    @Test
    void stepsPairEachRequestWithItsAnswerAndItsRecordedDelay() {
        List<ScriptStep> steps = ScriptStep.of(tape().getFirst());
        assertEquals(2, steps.size());
        assertEquals("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", new String(steps.get(0).send(), StandardCharsets.US_ASCII));
        assertEquals("+OK\r\n", new String(steps.get(0).expect(), StandardCharsets.US_ASCII));
        assertEquals(2_000_000, steps.get(0).recordedNanos());
        assertEquals("step 1: SET k v", ScriptGenerator.stepName(1, steps.get(0)));
        List<ScriptStep> binary = ScriptStep.of(tape().get(1));
        assertEquals(2, binary.size(), "the server's greeting is a step of its own");
        assertEquals(0, binary.getFirst().send().length);
    }

    @Test
    void theScriptIsReadableAndTargetsTheRecordedServer() {
        String js = new ScriptGenerator().generate("redis.tape", 0, tape());
        assertTrue(js.contains("import { Socket } from \"k6/x/tcp\";"), js);
        assertTrue(js.contains("const HOST = __ENV.HOST || \"127.0.0.1\";"), js);
        assertTrue(js.contains("const PORT = Number(__ENV.PORT || 6379);"), js);
        assertTrue(js.contains("name: \"step 1: SET k v\""), js);
        assertTrue(js.contains("send: text(\"*3\\r\\n$3\\r\\nSET\\r\\n$1\\r\\nk\\r\\n$1\\r\\nv\\r\\n\")"), js);
        assertTrue(js.contains("expect: text(\"+OK\\r\\n\")"), js);
        assertTrue(js.contains("recordedMs: 2.000"), js);
        assertTrue(js.contains("expect: hex(\"00cafe\")"), js);
        assertTrue(js.contains("send: hex(\"010203ff\")"), js);
        assertTrue(js.contains("function expect(socket, n, timeoutMs)"), js);
        assertTrue(js.contains("await replay(\"connection 2\", CONNECTION_2);"), js);
    }

    @Test
    void theScriptParsesAsAnEsModule() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")) || Files.isExecutable(Path.of("/usr/local/bin/node")),
                "node is not installed");
        Path script = dir.resolve("replay.mjs");
        byte[] big = new byte[300];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        List<RecordedConnection> tape = new java.util.ArrayList<>(tape());
        tape.add(new RecordedConnection(3, "a:1", "b:2", List.of(
                new TapeEvent.Data(3, 1, Direction.CLIENT_TO_SERVER, big),
                new TapeEvent.Data(3, 2, Direction.SERVER_TO_CLIENT, ascii("line one\nline \"two\"\n" + "x".repeat(250))))));
        Files.writeString(script, new ScriptGenerator().generate("redis.tape", 0, tape));
        Process node = new ProcessBuilder("node", "--check", script.toString()).redirectErrorStream(true).start();
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
