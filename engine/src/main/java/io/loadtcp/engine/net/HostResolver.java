package io.loadtcp.engine.net;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Resolves host names off the event loops (the JDK resolver blocks) and caches answers for a few seconds. Lookups of
 * one name that overlap share one: ten thousand VUs dialling the same host at the start of a test cost one lookup,
 * not ten thousand threads. A few threads do all the looking up; IP literals never leave the loop.
 */
public final class HostResolver {
    private static final long TTL_NANOS = 5_000_000_000L;
    // A load test dials few distinct hosts, and each is looked up once at a time: more threads would only add
    // threads for a test that dials many names at once, which then queue.
    private static final int LOOKUP_THREADS = 4;

    /** The blocking lookup; {@link InetAddress#getByName} outside tests. */
    interface Lookup {
        InetAddress byName(String host) throws UnknownHostException;
    }

    private record Entry(InetAddress address, long expiresAt) {}

    private record Answer(InetAddress address, String error) {}

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();
    private final Lookup lookup;
    private final ThreadPoolExecutor lookups;

    public HostResolver() {
        this(InetAddress::getByName);
    }

    HostResolver(Lookup lookup) {
        this.lookup = lookup;
        this.lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("loadtcp-resolver").daemon().factory());
        lookups.allowCoreThreadTimeOut(true); // no threads kept for a test that dials IP addresses only
    }

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
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> answer = inFlight.putIfAbsent(host, mine);
        if (answer == null) { // the first to ask: look it up (only once the future is in the map, see lookUp)
            answer = mine;
            lookups.execute(() -> lookUp(host, mine));
        }
        answer.thenAccept(a -> loop.execute(() -> done.accept(a.address, a.error)));
    }

    private void lookUp(String host, CompletableFuture<Answer> answer) {
        Answer a;
        try {
            InetAddress address = lookup.byName(host);
            cache.put(host, new Entry(address, System.nanoTime() + TTL_NANOS)); // before leaving inFlight: no gap
            a = new Answer(address, null);
        } catch (UnknownHostException e) {
            a = new Answer(null, "lookup " + host + ": no such host");
        } catch (RuntimeException e) {
            a = new Answer(null, "lookup " + host + ": " + e);
        }
        inFlight.remove(host, answer); // failures are not cached: the next dial asks again
        answer.complete(a);
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
