package io.loadtcp.engine.tape.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayPreambleHandlerTest {
    private final List<String> reasons = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener() {
        @Override
        public void refused(String client, String reason) {
            reasons.add(reason);
        }
    };

    private EmbeddedChannel channel() {
        Route route = new Route("cache", "127.0.0.1", 1, null);
        return new EmbeddedChannel(new GatewayPreambleHandler(Map.of("cache", route), 10_000, listener));
    }

    private static io.netty.buffer.ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void aClientWithoutPreambleIsClosedAsSoonAsItsFirstBytesDiffer() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("GET / HTTP/1.1\r\n"));
        assertFalse(ch.isActive());
        assertEquals(List.of("missing gateway preamble: the first bytes must be \"TestableGateway KEY\\n\", got \"GET / HTTP/1.1\\r\\n\""),
                reasons);
    }

    @Test
    void anUnknownKeyIsClosedNamingTheKnownOnes() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("Testable"));
        assertTrue(ch.isActive(), "a preamble may arrive in pieces");
        ch.writeInbound(bytes("Gateway redis\nPING"));
        assertFalse(ch.isActive());
        assertEquals(List.of("unknown gateway key \"redis\" (known: cache)"), reasons);
    }

    @Test
    void anEndlessPreambleIsCutOff() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("TestableGateway " + "k".repeat(300)));
        assertFalse(ch.isActive());
        assertEquals(List.of("gateway preamble longer than 256 bytes"), reasons);
    }

    @Test
    void aClientThatLeavesBeforeThePreambleIsReportedOnce() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("TestableGate"));
        ch.close();
        assertEquals(List.of("closed before sending the gateway preamble"), reasons);
    }
}
