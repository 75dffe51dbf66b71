package io.loadtcp.engine.tape.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadtcp.engine.tape.RedisServer;
import io.loadtcp.engine.tape.TapeWriter;
import io.loadtcp.engine.tape.record.ProxyConfig;
import io.loadtcp.engine.tape.record.RecordingListener;
import io.loadtcp.engine.tape.record.RecordingProxy;
import io.loadtcp.engine.tape.record.Route;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** Test helper: records redis-cli commands, one connection each, through a real recording proxy. */
final class Recordings {
    private Recordings() {}

    /** Runs each command through the proxy to {@code redisPort}; returns redis-cli's outputs. */
    static List<String> redis(int redisPort, Path tape, List<List<String>> commands) throws Exception {
        try (TapeWriter writer = TapeWriter.create(tape)) {
            Route route = new Route(null, "127.0.0.1", redisPort, writer);
            try (RecordingProxy proxy = RecordingProxy.start(
                    ProxyConfig.plain(new InetSocketAddress("127.0.0.1", 0), route), new RecordingListener() {})) {
                List<String> outputs = new java.util.ArrayList<>();
                for (List<String> c : commands) {
                    outputs.add(RedisServer.cli(proxy.localAddress().getPort(), c.toArray(String[]::new)));
                }
                // let the last connection's close reach the tape
                for (int i = 0; i < 100 && writer.events() < commands.size() * 4L; i++) Thread.sleep(10);
                return outputs;
            }
        }
    }

    static final List<List<String>> SESSION = List.of(List.of("SET", "k", "v"), List.of("GET", "k"), List.of("INCR", "hits"));

    static void assertSessionOutputs(List<String> outputs) {
        assertEquals(List.of("OK", "v", "1"), outputs);
    }
}
