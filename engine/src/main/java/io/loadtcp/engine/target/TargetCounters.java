package io.loadtcp.engine.target;

import java.util.concurrent.atomic.LongAdder;

/** What a {@link TargetServer} has served; written from every event loop, read when someone asks. */
final class TargetCounters {
    final LongAdder connections = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder tlsHandshakeFailures = new LongAdder();
}
