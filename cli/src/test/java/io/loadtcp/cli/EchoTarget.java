package io.loadtcp.cli;

import io.loadtcp.engine.target.TargetServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * loadtcp's echo target on a free loopback port for the runs of one test class: declared as
 * {@code @RegisterExtension static final EchoTarget echo = new EchoTarget();}, it starts before the class's first
 * test and stops after its last.
 */
final class EchoTarget implements BeforeAllCallback, AfterAllCallback {
    private TargetServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = TargetServer.start(TargetServer.Mode.ECHO, new InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** The port it listens on, at 127.0.0.1. */
    int port() {
        return server.address().getPort();
    }
}
