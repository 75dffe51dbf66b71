package io.loadtcp.engine.tape;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The events of one connection of a tape, in order: what replays and the script generator work from.
 * {@link #readAll} gathers a tape's connections in the order they opened.
 */
public record RecordedConnection(int id, String client, String server, List<TapeEvent> events) {

    /** Reads every connection of the tape at {@code path}; a warning (cut-short tape) goes to {@code warnings}. */
    public static List<RecordedConnection> readAll(Path path, Consumer<String> warnings) {
        Map<Integer, List<TapeEvent>> byId = new LinkedHashMap<>();
        Map<Integer, TapeEvent.Opened> opened = new LinkedHashMap<>();
        try (TapeReader reader = TapeReader.open(path)) {
            for (TapeEvent e = reader.next(); e != null; e = reader.next()) {
                byId.computeIfAbsent(e.connection(), k -> new ArrayList<>()).add(e);
                if (e instanceof TapeEvent.Opened o) opened.putIfAbsent(o.connection(), o);
            }
            if (reader.warning() != null) warnings.accept(reader.warning());
        }
        List<RecordedConnection> result = new ArrayList<>();
        byId.forEach((id, events) -> {
            TapeEvent.Opened o = opened.get(id);
            result.add(new RecordedConnection(id, o == null ? "?" : o.client(), o == null ? "?" : o.server(),
                    List.copyOf(events)));
        });
        return result;
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
