package io.loadtcp.engine.tape.record;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@link RecordingProxy} does: where it listens, where connections go ({@code routes}: exactly one in plain
 * mode, one per key in gateway mode), and TLS on either side ({@code listenTls} terminates, {@code targetTls}
 * originates; null for plain TCP).
 */
public record ProxyConfig(
        InetSocketAddress listen,
        boolean gateway,
        List<Route> routes,
        SslContext listenTls,
        SslContext targetTls,
        Duration connectTimeout,
        Duration preambleTimeout) {

    public ProxyConfig {
        routes = List.copyOf(routes);
        if (routes.isEmpty()) throw new IllegalArgumentException("no route to record");
        if (!gateway && routes.size() != 1) throw new IllegalArgumentException("plain mode takes exactly one target");
    }

    /** A plain proxy to one target, no TLS, default timeouts. */
    public static ProxyConfig plain(InetSocketAddress listen, Route route) {
        return new ProxyConfig(listen, false, List.of(route), null, null, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** A gateway choosing among {@code routes} by key, no TLS, default timeouts. */
    public static ProxyConfig gateway(InetSocketAddress listen, List<Route> routes) {
        return new ProxyConfig(listen, true, routes, null, null, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    public ProxyConfig withTls(SslContext listenTls, SslContext targetTls) {
        return new ProxyConfig(listen, gateway, routes, listenTls, targetTls, connectTimeout, preambleTimeout);
    }

    public ProxyConfig withTimeouts(Duration connect, Duration preamble) {
        return new ProxyConfig(listen, gateway, routes, listenTls, targetTls, connect, preamble);
    }

    Map<String, Route> routesByKey() {
        return routes.stream().collect(Collectors.toMap(Route::key, Function.identity()));
    }
}
