package io.loadtcp.engine.tape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeDescriberTest {
    @TempDir Path dir;

    private String describe(DumpFormat dump) throws Exception {
        Path file = dir.resolve("s.tape");
        Files.write(file, TapeRoundTripTest.sampleTape());
        List<RecordedConnection> conns = RecordedConnection.readAll(file, w -> {});
        StringWriter s = new StringWriter();
        new TapeDescriber(dump).describe("s.tape", 0, conns, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void listsEachConnectionsEventsWithSizesAndDelays() throws Exception {
        String text = describe(DumpFormat.NONE);
        assertTrue(text.contains("connection 1: 127.0.0.1:5000 -> 127.0.0.1:6379"), text);
        assertTrue(text.contains("CLIENT_TO_SERVER (6 bytes)"), text);
        assertTrue(text.contains("DELAY (1.000ms)"), text);
        assertTrue(text.contains("CLIENT_TO_SERVER_EOF"), text);
        assertTrue(text.contains("RESET by server"), text);
        assertTrue(!text.contains("PING"), "no bytes without --dump");
    }

    @Test
    void dumpsBytesAsTextOrHex() throws Exception {
        assertTrue(describe(DumpFormat.TEXT).contains("\"PING\\r\\n\""));
        String hex = describe(DumpFormat.HEX);
        assertTrue(hex.contains("50 49 4e 47 0d 0a") && hex.contains("|PING..|"), hex);
        assertTrue(hex.contains("00 01 02 ff"), hex);
    }
}
