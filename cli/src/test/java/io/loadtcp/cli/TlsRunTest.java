package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadtcp.engine.target.ServerTls;
import io.loadtcp.engine.target.TargetServer;
import io.loadtcp.engine.target.TlsMaterial;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from scripts: SNI/verification, insecureSkipTLSVerify, client certificates (tlsAuth), tlsVersion. */
class TlsRunTest {
    @TempDir Path dir;

    private static final String SCRIPT = """
            import { Socket } from "k6/x/tcp";
            import { check } from "k6";
            export const options = %s;
            export default async function () {
              const s = new Socket();
              let failure = null;
              try {
                await s.connect({ port: %d, host: "localhost", tls: true });
                const echoed = new Promise((resolve, reject) => {
                  s.on("data", (d) => resolve(String.fromCharCode(...d)));
                  s.on("close", () => reject(new Error("closed before the echo")));
                });
                await s.write("secure");
                check(await echoed, { "tls echo": (t) => t === "secure" });
              } catch (e) {
                failure = e.message;
                console.warn("connect failed: " + e.message);
                check(failure, { "tls echo": () => false });
              }
              s.destroy();
            }
            """;

    private CliRun run(TargetServer server, String optionsJson) throws Exception {
        String path = CliRun.script(dir, "tls.js", SCRIPT.formatted(optionsJson, server.address().getPort()));
        return CliRun.of("run", path);
    }

    @Test
    void untrustedCertificateFailsUnlessVerificationIsSkipped() throws Exception {
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO)
                .listen(new InetSocketAddress("127.0.0.1", 0)).tls(ServerTls.selfSigned()).start()) {
            CliRun strict = run(server, "{}");
            assertTrue(strict.out().contains("✗ tls echo"), strict.toString());
            assertTrue(strict.err().contains("TLS handshake with localhost"), strict.toString());
            assertEquals(1, strict.metricCount("tcp_errors"), strict.toString());

            CliRun insecure = run(server, "{ insecureSkipTLSVerify: true, tlsVersion: { min: 'tls1.2', max: 'tls1.3' } }");
            assertTrue(insecure.out().contains("✓ tls echo"), insecure.toString());
            assertTrue(insecure.metricLine("tcp_socket_connecting").contains("avg="), insecure.toString());
        }
    }

    @Test
    void clientCertificatesFromTlsAuthSatisfyMutualTls() throws Exception {
        TlsMaterial ca = TlsMaterial.newCa("test CA");
        TlsMaterial serverId = ca.issue("localhost", TlsMaterial.LOCALHOST_NAMES.toArray(String[]::new));
        TlsMaterial client = ca.issue("client");
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO)
                .listen(new InetSocketAddress("127.0.0.1", 0)).tls(ServerTls.of(serverId).requireClientCert(ca)).start()) {
            CliRun without = run(server, "{ insecureSkipTLSVerify: true }");
            assertTrue(without.out().contains("✗ tls echo"), without.toString());

            ObjectMapper json = new ObjectMapper();
            String tlsAuth = "[{ cert: " + json.writeValueAsString(client.certificatePem()) + ", key: "
                    + json.writeValueAsString(client.privateKeyPem()) + " }]";
            CliRun with = run(server, "{ insecureSkipTLSVerify: true, tlsAuth: " + tlsAuth + " }");
            assertTrue(with.out().contains("✓ tls echo"), with.toString());
        }
    }

    /** The JDK checks cipher suite names only when a connection is made; loadtcp checks them before the run starts. */
    @Test
    void anUnknownCipherSuiteIsRefusedBeforeTheRun() throws Exception {
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO)
                .listen(new InetSocketAddress("127.0.0.1", 0)).tls(ServerTls.selfSigned()).start()) {
            CliRun r = run(server, "{ insecureSkipTLSVerify: true, tlsCipherSuites: ['NOPE_CIPHER'] }");
            assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
            assertTrue(r.err().contains("NOPE_CIPHER"), r.toString());
            assertEquals(0, server.connections(), "refused before any VU connected");
        }
    }
}
