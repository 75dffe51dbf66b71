package io.loadtcp.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportsTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_BATCH = 3;

    @Test
    void eventLoopThreadsRunAsBatchThreadsOnLinux() throws Exception {
        Path self = Path.of("/proc/thread-self/stat");
        assumeTrue(Files.isReadable(self), "Linux only");
        assertEquals(SCHED_OTHER, policy(Files.readString(self)), "the test thread itself keeps the default policy");
        EventLoopGroup group = Transports.newGroup(1, "transports-test");
        try {
            String stat = group.submit(() -> Files.readString(Path.of("/proc/thread-self/stat"))).get(5, TimeUnit.SECONDS);
            assertEquals(SCHED_BATCH, policy(stat));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** Field 41 of proc(5)'s stat line: the scheduling policy. Fields start after the ")" that ends the name. */
    private static int policy(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }
}
