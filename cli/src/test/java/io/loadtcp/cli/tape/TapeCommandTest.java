package io.loadtcp.cli.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.TapeWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** describe and to-script, and what every tape command says about a bad tape. */
class TapeCommandTest {
    @TempDir Path dir;

    private Path tape() throws Exception {
        Path file = dir.resolve("hello.tape");
        try (TapeWriter w = TapeWriter.create(file)) {
            int c = w.newConnection();
            w.opened(c, "127.0.0.1:40000", "127.0.0.1:9000");
            w.data(c, Direction.CLIENT_TO_SERVER, "hello\n".getBytes(StandardCharsets.US_ASCII));
            w.data(c, Direction.SERVER_TO_CLIENT, new byte[] {0x00, (byte) 0xff});
            w.halfClose(c, Direction.CLIENT_TO_SERVER);
            w.closed(c);
        }
        return file;
    }

    @Test
    void describeListsEventsAndDumpsBytes() throws Exception {
        Cli c = Cli.run("tape", "describe", "--dump", "hex", tape().toString());
        assertEquals(0, c.exit, c.err());
        assertTrue(c.out().contains("connection 1: 127.0.0.1:40000 -> 127.0.0.1:9000"), c.out());
        assertTrue(c.out().contains("CLIENT_TO_SERVER (6 bytes)"), c.out());
        assertTrue(c.out().contains("68 65 6c 6c 6f 0a"), c.out());
        assertTrue(c.out().contains("CLIENT_TO_SERVER_EOF"), c.out());
    }

    @Test
    void aTruncatedTapeIsDescribedUpToItsLastEventWithAWarning() throws Exception {
        Path file = tape();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        Cli c = Cli.run("tape", "describe", file.toString());
        assertEquals(0, c.exit);
        assertTrue(c.err().startsWith("warning: " + file + " is cut short at offset "), c.err());
        assertTrue(c.out().contains("CLIENT_TO_SERVER_EOF") && !c.out().contains("CLOSE"), c.out());
    }

    @Test
    void aCorruptTapeAnUnknownVersionAndAMissingFileAreOneLineErrors() throws Exception {
        Path file = tape();
        byte[] bytes = Files.readAllBytes(file);
        bytes[30] ^= 1;
        Files.write(dir.resolve("corrupt.tape"), bytes);
        byte[] future = Files.readAllBytes(file);
        future[9] = 2;
        Files.write(dir.resolve("future.tape"), future);
        for (String[] args : new String[][] {
            {"tape", "describe", dir.resolve("corrupt.tape").toString()},
            {"tape", "to-script", dir.resolve("corrupt.tape").toString()},
            {"replay", "client", "--target", "127.0.0.1:1", dir.resolve("future.tape").toString()},
            {"replay", "server", "--listen", "127.0.0.1:0", dir.resolve("missing.tape").toString()}}) {
            Cli c = Cli.run(args);
            assertEquals(ExitCodes.IO_ERROR, c.exit, String.join(" ", args) + ": " + c.err());
            assertEquals(1, c.err().strip().lines().count(), c.err());
        }
        assertTrue(Cli.run("tape", "describe", dir.resolve("corrupt.tape").toString()).err()
                .startsWith("error: " + dir.resolve("corrupt.tape") + " is corrupt at offset 20"));
        assertTrue(Cli.run("tape", "describe", dir.resolve("future.tape").toString()).err()
                .contains("is a tape of format version 2; this loadtcp reads version 1 only"));
        assertTrue(Cli.run("tape", "describe", dir.resolve("missing.tape").toString()).err()
                .contains("missing.tape does not exist"));
    }

    @Test
    void toScriptWritesAScriptFile() throws Exception {
        Path script = dir.resolve("hello.js");
        Cli c = Cli.run("tape", "to-script", tape().toString(), "-o", script.toString());
        assertEquals(0, c.exit, c.err());
        String js = Files.readString(script);
        assertTrue(js.contains("const PORT = Number(__ENV.PORT || 9000);"), js);
        assertTrue(js.contains("send: text(\"hello\\n\")"), js);
        assertTrue(js.contains("expect: hex(\"00ff\")"), js);
    }
}
