package io.loadtcp.engine.tape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole tape read into memory, connection by connection, for the commands that need it all (replay, describe,
 * to-script). {@code warning} is set when the tape was cut short.
 */
public record TapeContents(String name, long startEpochMillis, List<RecordedConnection> connections, String warning) {

    public static TapeContents read(Path path) {
        Map<Integer, List<TapeEvent>> byId = new LinkedHashMap<>();
        Map<Integer, TapeEvent.Opened> opened = new LinkedHashMap<>();
        try (TapeReader reader = TapeReader.open(path)) {
            for (TapeEvent e = reader.next(); e != null; e = reader.next()) {
                byId.computeIfAbsent(e.connection(), k -> new ArrayList<>()).add(e);
                if (e instanceof TapeEvent.Opened o) opened.putIfAbsent(o.connection(), o);
            }
            List<RecordedConnection> connections = new ArrayList<>();
            byId.forEach((id, events) -> {
                TapeEvent.Opened o = opened.get(id);
                connections.add(new RecordedConnection(id, o == null ? "?" : o.client(), o == null ? "?" : o.server(),
                        List.copyOf(events)));
            });
            return new TapeContents(path.toString(), reader.startEpochMillis(), List.copyOf(connections), reader.warning());
        }
    }
}
