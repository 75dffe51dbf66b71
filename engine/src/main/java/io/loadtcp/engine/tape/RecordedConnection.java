package io.loadtcp.engine.tape;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events of one connection of a tape, in order: what replays and the script generator work from.
 * {@link #readAll} gathers a tape's connections in the order they opened.
 */
public record RecordedConnection(int id, String client, String server, List<TapeEvent> events) {

    /** Reads every connection of the tape at {@code path}; a warning (cut-short tape) goes to {@code warnings}. */
    public static List<RecordedConnection> readAll(Path path, Consumer<String> warnings) {
        TapeContents tape = TapeContents.read(path);
        if (tape.warning() != null) warnings.accept(tape.warning());
        return tape.connections();
    }

    /** Every byte sent in {@code direction}, concatenated: replays compare streams, not chunks. */
    public byte[] stream(Direction direction) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TapeEvent e : events) {
            if (e instanceof TapeEvent.Data d && d.direction() == direction) out.writeBytes(d.bytes());
        }
        return out.toByteArray();
    }

    /** Nanoseconds since the tape started when this connection opened (its first event). */
    public long startNanos() {
        return events.isEmpty() ? 0 : events.getFirst().nanos();
    }
}
