package io.loadtcp.engine.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this machine offers a test: a free port on loopback, an executable on the PATH (shared with cli's tests). */
public final class TestMachine {
    private TestMachine() {}

    /** A loopback port nobody listens on right now (a test that binds it later may, rarely, lose it to another). */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether {@code executable} is on the PATH, e.g. a Debian package's server that .ci/run installs. */
    public static boolean onPath(String executable) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) return true;
        }
        return false;
    }
}
