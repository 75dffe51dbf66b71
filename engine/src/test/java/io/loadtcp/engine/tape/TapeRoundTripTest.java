package io.loadtcp.engine.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeRoundTripTest {
    @TempDir Path dir;

    static byte[] sampleTape() throws IOException {
        AtomicLong clock = new AtomicLong(1_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TapeWriter w = new TapeWriter(bytes, "sample", clock::get)) {
            int a = w.newConnection();
            int b = w.newConnection();
            clock.addAndGet(10);
            w.opened(a, "127.0.0.1:5000", "127.0.0.1:6379");
            clock.addAndGet(10);
            w.opened(b, "127.0.0.1:5001", "127.0.0.1:6379");
            clock.addAndGet(1_000_000);
            ByteBuf buf = Unpooled.copiedBuffer("PING\r\n", StandardCharsets.US_ASCII);
            w.data(a, Direction.CLIENT_TO_SERVER, buf);
            assertEquals(6, buf.readableBytes(), "recording must not consume the buffer");
            buf.release();
            clock.addAndGet(5);
            w.data(a, Direction.SERVER_TO_CLIENT, new byte[] {0, 1, 2, (byte) 0xff});
            w.halfClose(a, Direction.CLIENT_TO_SERVER);
            w.halfClose(a, Direction.SERVER_TO_CLIENT);
            w.closed(a);
            w.reset(b, Direction.SERVER_TO_CLIENT);
        }
        return bytes.toByteArray();
    }

    static List<TapeEvent> readAll(byte[] tape, List<String> warnings) {
        TapeReader r = new TapeReader(new ByteArrayInputStream(tape), "t.tape");
        List<TapeEvent> events = new ArrayList<>();
        for (TapeEvent e = r.next(); e != null; e = r.next()) events.add(e);
        if (r.warning() != null) warnings.add(r.warning());
        return events;
    }

    @Test
    void everyKindOfEventReadsBackInOrderWithItsTimestamp() throws IOException {
        List<String> warnings = new ArrayList<>();
        List<TapeEvent> events = readAll(sampleTape(), warnings);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(8, events.size());
        assertEquals(new TapeEvent.Opened(1, 10, "127.0.0.1:5000", "127.0.0.1:6379"), events.get(0));
        TapeEvent.Data ping = assertInstanceOf(TapeEvent.Data.class, events.get(2));
        assertEquals(Direction.CLIENT_TO_SERVER, ping.direction());
        assertEquals(1_000_020, ping.nanos());
        assertArrayEquals("PING\r\n".getBytes(StandardCharsets.US_ASCII), ping.bytes());
        TapeEvent.Data binary = assertInstanceOf(TapeEvent.Data.class, events.get(3));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, binary.bytes());
        assertEquals(new TapeEvent.HalfClose(1, 1_000_025, Direction.CLIENT_TO_SERVER), events.get(4));
        assertInstanceOf(TapeEvent.Closed.class, events.get(6));
        assertEquals(new TapeEvent.Reset(2, 1_000_025, Direction.SERVER_TO_CLIENT), events.get(7));
    }

    @Test
    void aTapeCutAnywhereReadsUpToItsLastCompleteEventAndNamesTheOffset() throws IOException {
        byte[] tape = sampleTape();
        int complete = readAll(tape, new ArrayList<>()).size();
        for (int cut = TapeFormat.HEADER_SIZE; cut < tape.length; cut++) {
            byte[] torn = java.util.Arrays.copyOf(tape, cut);
            List<String> warnings = new ArrayList<>();
            List<TapeEvent> events = readAll(torn, warnings);
            assertTrue(events.size() < complete);
            if (!warnings.isEmpty()) {
                assertTrue(warnings.getFirst().contains("cut short at offset"), warnings.getFirst());
            }
        }
        // a cut one byte before the end loses exactly the last event and says so
        List<String> warnings = new ArrayList<>();
        assertEquals(complete - 1, readAll(java.util.Arrays.copyOf(tape, tape.length - 1), warnings).size());
        assertEquals(1, warnings.size());
    }

    @Test
    void aFlippedByteInTheMiddleIsReportedAsCorruptWithItsOffset() throws IOException {
        byte[] tape = sampleTape();
        tape[TapeFormat.HEADER_SIZE + 20] ^= 0x40; // inside the first record
        TapeException e = assertThrows(TapeException.class, () -> readAll(tape, new ArrayList<>()));
        assertTrue(e.getMessage().contains("corrupt at offset " + TapeFormat.HEADER_SIZE), e.getMessage());
    }

    @Test
    void anUnknownVersionOrAForeignFileIsRefusedInOneLine() throws IOException {
        byte[] tape = sampleTape();
        tape[9] = 7;
        TapeException v = assertThrows(TapeException.class, () -> readAll(tape, new ArrayList<>()));
        assertTrue(v.getMessage().contains("version 7"), v.getMessage());
        TapeException m = assertThrows(TapeException.class,
                () -> readAll("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new ArrayList<>()));
        assertTrue(m.getMessage().contains("not a loadtcp tape"), m.getMessage());
        assertTrue(!m.getMessage().contains("\n"));
    }

    @Test
    void aMissingFileIsATapeException() {
        TapeException e = assertThrows(TapeException.class, () -> TapeReader.open(dir.resolve("nope.tape")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aWriteErrorIsReportedOnceAndTheTapeKeepsWhatWasWrittenBefore() throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        AtomicLong budget = new AtomicLong(200);
        OutputStream disk = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (budget.decrementAndGet() < 0) throw new IOException("No space left on device");
                kept.write(b);
            }
        };
        AtomicReference<IOException> reported = new AtomicReference<>();
        List<IOException> all = new ArrayList<>();
        TapeWriter w = new TapeWriter(disk, "full.tape", System::nanoTime);
        w.onFailure(e -> {
            all.add(e);
            reported.set(e);
        });
        int c = w.newConnection();
        w.opened(c, "a:1", "b:2");
        for (int i = 0; i < 50; i++) w.data(c, Direction.CLIENT_TO_SERVER, new byte[10]);
        assertNotNull(reported.get());
        assertEquals(1, all.size(), "reported once");
        assertEquals("No space left on device", w.failure().getMessage());
        w.close();
        List<String> warnings = new ArrayList<>();
        List<TapeEvent> events = readAll(kept.toByteArray(), warnings);
        assertTrue(events.size() >= 2, "events written before the disk filled are kept");
        assertInstanceOf(TapeEvent.Opened.class, events.getFirst());
    }

    @Test
    void readAllGroupsConnectionsAndConcatenatesStreams() throws IOException {
        Path file = dir.resolve("s.tape");
        Files.write(file, sampleTape());
        List<RecordedConnection> conns = RecordedConnection.readAll(file, w -> {});
        assertEquals(2, conns.size());
        assertEquals("127.0.0.1:5000", conns.getFirst().client());
        assertArrayEquals("PING\r\n".getBytes(StandardCharsets.US_ASCII), conns.getFirst().stream(Direction.CLIENT_TO_SERVER));
        assertNull(null);
    }
}
