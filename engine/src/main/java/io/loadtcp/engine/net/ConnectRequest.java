package io.loadtcp.engine.net;

import io.loadtcp.engine.metrics.Tags;

/**
 * What to connect to. {@code timeoutMillis} bounds name resolution, TCP connect and the TLS handshake together;
 * 0 means the default (30 s, as Go's dialer in k6).
 */
public record ConnectRequest(String host, int port, boolean tls, long timeoutMillis, Tags tags) {
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    public ConnectRequest {
        if (host == null || host.isEmpty()) host = "localhost";
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1-65535, got " + port);
        if (timeoutMillis < 0) throw new IllegalArgumentException("timeout must not be negative");
        if (tags == null) tags = Tags.EMPTY;
    }

    public long effectiveTimeoutMillis() {
        return timeoutMillis == 0 ? DEFAULT_TIMEOUT_MILLIS : timeoutMillis;
    }
}
