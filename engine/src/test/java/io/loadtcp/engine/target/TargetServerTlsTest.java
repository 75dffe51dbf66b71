package io.loadtcp.engine.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TargetServerTlsTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void tlsEchoWorksForAClientTrustingTheGeneratedCertificate(@TempDir Path dir) throws Exception {
        TlsMaterial self = TlsMaterial.selfSigned();
        Path certFile = self.writeCertificatePem(dir.resolve("cert.pem"));
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO).listen(LOOPBACK_ANY_PORT).tls(ServerTls.of(self)).start()) {
            assertTrue(server.isTls());
            SSLContext trusting = TestTlsClients.context(TlsMaterial.readCertificates(certFile), null);
            byte[] payload = TargetServerTest.randomBytes(200 * 1024, 7); // several TLS records
            for (String name : List.of("127.0.0.1", "localhost")) { // both SANs
                try (SSLSocket socket = TestTlsClients.connect(trusting, server.address(), name)) {
                    assertArrayEquals(payload, TargetServerTest.exchange(socket, payload));
                }
            }
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO).tls(ServerTls.selfSigned()).start()) {
            SSLContext trustingSomeoneElse = TestTlsClients.context(List.of(TlsMaterial.selfSigned().certificate()), null);
            assertThrows(SSLHandshakeException.class,
                    () -> TestTlsClients.connect(trustingSomeoneElse, server.address(), "127.0.0.1").close());
        }
    }

    @Test
    void mutualTlsRejectsAClientWithoutCertificateAndAcceptsOneWith(@TempDir Path dir) throws Exception {
        TlsMaterial ca = TlsMaterial.newCa("loadtcp test CA");
        TlsMaterial serverCert = ca.issue("localhost", TlsMaterial.LOCALHOST_NAMES.toArray(String[]::new));
        TlsMaterial clientCert = ca.issue("loadtcp test client");
        Path caFile = ca.writeCertificatePem(dir.resolve("ca.pem"));
        ServerTls tls = ServerTls.of(serverCert).requireClientCert(caFile);
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO).tls(tls).start()) {
            byte[] payload = "ping".getBytes();

            SSLContext anonymous = TestTlsClients.context(List.of(ca.certificate()), null);
            assertTrue(rejected(anonymous, server.address(), payload), "a client without certificate gets no echo");

            SSLContext strangerCert = TestTlsClients.context(List.of(ca.certificate()), TlsMaterial.newCa("other CA").issue("stranger"));
            assertTrue(rejected(strangerCert, server.address(), payload), "a certificate from another CA gets no echo");
            assertEquals(2, server.tlsHandshakeFailures());

            SSLContext withCert = TestTlsClients.context(List.of(ca.certificate()), clientCert);
            try (SSLSocket socket = TestTlsClients.connect(withCert, server.address(), "localhost")) {
                assertArrayEquals(payload, TargetServerTest.exchange(socket, payload));
            }
        }
    }

    /**
     * True when the server refuses the client: under TLS 1.3 the client's side of the handshake may finish before the
     * server checks the client certificate, so the refusal shows as a failed handshake, a failed read or an EOF.
     */
    private static boolean rejected(SSLContext client, InetSocketAddress address, byte[] payload) {
        try (SSLSocket socket = TestTlsClients.connect(client, address, "localhost")) {
            socket.getOutputStream().write(payload);
            socket.getOutputStream().flush();
            return socket.getInputStream().read() == -1;
        } catch (IOException e) {
            return true;
        }
    }
}
