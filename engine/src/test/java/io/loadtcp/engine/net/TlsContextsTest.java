package io.loadtcp.engine.net;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsContextsTest {
    /** The command line builds a script's context to check its TLS options; the run's sockets must not build another. */
    @Test
    void aRunsSocketsUseTheContextBuiltToCheckTheOptions() {
        TlsSettings settings = new TlsSettings(true, List.of(), "tls1.2", "tls1.3", List.of(), null);
        var checked = TlsContexts.shared().forSettings(settings);
        assertSame(checked, SocketEnvironment.create(settings).tlsContexts().forSettings(settings));
    }
}
