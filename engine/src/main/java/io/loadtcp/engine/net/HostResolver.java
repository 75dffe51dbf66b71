package io.loadtcp.engine.net;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Resolves host names off the event loops (the JDK resolver blocks) and caches answers for a few seconds, so
 * thousands of VUs connecting to the same host cost one lookup. IP literals never leave the loop.
 */
public final class HostResolver {
    private static final long TTL_NANOS = 5_000_000_000L;

    private record Entry(InetAddress address, long expiresAt) {}

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final ExecutorService lookups = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loadtcp-resolver");
        t.setDaemon(true);
        return t;
    });

    /** Calls {@code done} on {@code loop} with the address, or with null and an error message. */
    public void resolve(String host, EventLoop loop, BiConsumer<InetAddress, String> done) {
        Entry cached = cache.get(host);
        if (cached != null && cached.expiresAt - System.nanoTime() > 0) {
            done.accept(cached.address, null);
            return;
        }
        if (isIpLiteral(host)) {
            try {
                done.accept(InetAddress.getByName(host), null); // a literal is parsed, not looked up
            } catch (UnknownHostException e) {
                done.accept(null, "invalid address " + host);
            }
            return;
        }
        lookups.execute(() -> {
            InetAddress address;
            String error = null;
            try {
                address = InetAddress.getByName(host);
                cache.put(host, new Entry(address, System.nanoTime() + TTL_NANOS));
            } catch (UnknownHostException e) {
                address = null;
                error = "lookup " + host + ": no such host";
            }
            InetAddress a = address;
            String err = error;
            loop.execute(() -> done.accept(a, err));
        });
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) return true; // IPv6
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return !host.isEmpty();
    }

    public boolean needsLookup(String host) {
        return !isIpLiteral(host);
    }
}
