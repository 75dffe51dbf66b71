package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.tape.TapeWriter;

/**
 * Where a recorded connection goes and which tape it is written to. In gateway mode {@code key} is the name the client
 * sends in its preamble; in plain mode there is one route and its key is null.
 */
public record Route(String key, String host, int port, TapeWriter tape) {
    public String target() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
