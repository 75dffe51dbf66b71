package io.loadtcp.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.target.TargetServer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawEchoLoadTest {
    @Test
    void roundTripsAgainstTheEchoTarget() throws Exception {
        try (TargetServer echo = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0))) {
            RawEchoLoad.Result result = RawEchoLoad.run(echo.address(), 10, Duration.ofSeconds(1));
            assertTrue(result.roundTrips() > 0, result.toString());
            assertEquals(0, result.errors(), result.toString());
            assertEquals(10, result.connections());
            assertTrue(result.elapsed().compareTo(Duration.ofSeconds(1)) >= 0, result.toString());
            assertTrue(result.roundTripsPerSecond() > 0, result.toString());
            // the loops were busy for at least some of the second, and cannot use more than their own CPU time
            assertTrue(result.loopCpu().compareTo(Duration.ofMillis(10)) > 0, result.toString());
            assertTrue(result.loopCpu().compareTo(result.elapsed().multipliedBy(Runtime.getRuntime().availableProcessors())) <= 0,
                    result.toString());
            // every counted round trip echoed all 64 bytes; uncounted ones in flight at the end add at most one each
            long sent = echo.bytesReceived();
            assertTrue(sent >= result.roundTrips() * 64 && sent <= (result.roundTrips() + 10) * 64, result + ", echoed " + sent);
            System.out.println("RawEchoLoad: " + result);
        }
    }

    @Test
    void aTargetThatIsNotListeningFailsBeforeMeasuring() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", port);
        assertThrows(ConnectException.class, () -> RawEchoLoad.run(nobody, 2, Duration.ofMillis(100)));
    }
}
