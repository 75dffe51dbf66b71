package io.loadtcp.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostResolverTest {
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** A lookup that counts its calls and how many run at once, and answers only when released. */
    private static final class GatedLookup implements HostResolver.Lookup {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public InetAddress byName(String host) throws UnknownHostException {
            calls.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            if (host.startsWith("missing")) throw new UnknownHostException(host);
            return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 7});
        }
    }

    private record Result(InetAddress address, String error) {}

    @Test
    void overlappingLookupsOfOneNameShareOneAndTheAnswerIsCached() throws Exception {
        GatedLookup lookup = new GatedLookup();
        HostResolver resolver = new HostResolver(lookup);
        int dials = 500;
        List<Result> results = new CopyOnWriteArrayList<>();
        CountDownLatch answered = new CountDownLatch(dials);
        for (int i = 0; i < dials; i++) {
            resolver.resolve("db.internal", loop, (address, error) -> {
                assertTrue(loop.inEventLoop(), "answers arrive on the dialling loop");
                results.add(new Result(address, error));
                answered.countDown();
            });
        }
        lookup.release.countDown();
        assertTrue(answered.await(10, TimeUnit.SECONDS), "every dial got its answer");
        assertEquals(1, lookup.calls.get(), "one lookup for " + dials + " overlapping dials");
        assertTrue(results.stream().allMatch(r -> r.error == null && r.address.getHostAddress().equals("127.0.0.7")));

        CountDownLatch again = new CountDownLatch(1);
        resolver.resolve("db.internal", loop, (address, error) -> again.countDown());
        assertTrue(again.await(10, TimeUnit.SECONDS));
        assertEquals(1, lookup.calls.get(), "answered from the cache");
    }

    @Test
    void manyNamesAtOnceUseAFewThreadsAndFailuresAreNotCached() throws Exception {
        GatedLookup lookup = new GatedLookup();
        HostResolver resolver = new HostResolver(lookup);
        int names = 40;
        CountDownLatch answered = new CountDownLatch(names);
        List<String> errors = new CopyOnWriteArrayList<>();
        for (int i = 0; i < names; i++) {
            resolver.resolve("missing-" + i + ".internal", loop, (address, error) -> {
                assertNull(address);
                errors.add(error);
                answered.countDown();
            });
        }
        Thread.sleep(200); // let the pool start all it will
        lookup.release.countDown();
        assertTrue(answered.await(10, TimeUnit.SECONDS));
        assertTrue(lookup.mostAtOnce.get() <= 4, "lookups at once: " + lookup.mostAtOnce.get());
        assertTrue(errors.contains("lookup missing-3.internal: no such host"), errors.toString());

        CountDownLatch again = new CountDownLatch(1);
        resolver.resolve("missing-3.internal", loop, (address, error) -> again.countDown());
        assertTrue(again.await(10, TimeUnit.SECONDS));
        assertEquals(names + 1, lookup.calls.get(), "a failed name is asked again");
    }
}
