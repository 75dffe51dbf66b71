package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadtcp.engine.target.ServerTls;
import io.loadtcp.engine.target.TargetServer;
import io.loadtcp.engine.target.TlsMaterial;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.Mapping;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from scripts: SNI/verification, insecureSkipTLSVerify, client certificates (tlsAuth), tlsVersion, cipher suites. */
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
        return run(server.address().getPort(), optionsJson);
    }

    private CliRun run(int port, String optionsJson) throws Exception {
        String path = CliRun.script(dir, "tls.js", SCRIPT.formatted(optionsJson, port));
        return CliRun.of("run", path);
    }

    /** A TLS echo server whose TLS front each connection gets from {@code front}: the test decides what it accepts. */
    private static int startTlsEcho(EventLoopGroup group, Function<SocketChannel, ChannelHandler> front)
            throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(front.apply(ch), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg); // echo
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close(); // a refused handshake is what some tests want: no stack trace
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Test
    void untrustedCertificateFailsUnlessVerificationIsSkipped() throws Exception {
        try (TargetServer server = TargetServer.builder(TargetServer.Mode.ECHO)
                .listen(new InetSocketAddress("127.0.0.1", 0)).tls(ServerTls.selfSigned()).start()) {
            CliRun strict = run(server, "{}");
            assertEquals(0, strict.exitCode(), "a failed handshake is counted; the run goes on\n" + strict);
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

            CliRun with = run(server, "{ insecureSkipTLSVerify: true, tlsAuth: [" + tlsAuth(client, "") + "] }");
            assertTrue(with.out().contains("✓ tls echo"), with.toString());

            // As k6 (Go): the first entry the server accepts is offered, whatever its place; domains play no part.
            TlsMaterial stranger = TlsMaterial.newCa("another CA").issue("client");
            CliRun second = run(server, "{ insecureSkipTLSVerify: true, tlsAuth: [" + tlsAuth(stranger, "")
                    + ", " + tlsAuth(client, ", domains: ['not-this-host.example']") + "] }");
            assertTrue(second.out().contains("✓ tls echo"), second.toString());
            CliRun strangerOnly = run(server, "{ insecureSkipTLSVerify: true, tlsAuth: [" + tlsAuth(stranger, "") + "] }");
            assertTrue(strangerOnly.out().contains("✗ tls echo"), "a certificate the server does not accept\n" + strangerOnly);
        }
    }

    private static String tlsAuth(TlsMaterial id, String more) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return "{ cert: " + json.writeValueAsString(id.certificatePem()) + ", key: "
                + json.writeValueAsString(id.privateKeyPem()) + more + " }";
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

    @Test
    void aBrokenClientCertificateIsRefusedBeforeTheRunNamingTheEntry() throws Exception {
        TlsMaterial good = TlsMaterial.selfSigned();
        CliRun r = run(1, "{ tlsAuth: [" + tlsAuth(good, "") + ", { cert: " + new ObjectMapper().writeValueAsString(good.certificatePem())
                + ", key: 'not a key' }] }");
        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
        assertTrue(r.err().contains("tlsAuth[1].key: no PEM private key in it"), r.toString());
    }

    /** tls: true sends the host dialled as SNI when it is a name; TLS allows no IP address there, so none is sent. */
    @Test
    void theHostNameDialledIsSentAsSni() throws Exception {
        TlsMaterial id = TlsMaterial.selfSigned();
        SslContext tls = SslContextBuilder.forServer(id.privateKey(), id.chain()).build();
        List<String> serverNames = new CopyOnWriteArrayList<>();
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            Mapping<String, SslContext> byName = name -> {
                serverNames.add(String.valueOf(name));
                return tls;
            };
            int port = startTlsEcho(group, ch -> new SniHandler(byName));
            String src = """
                    import { Socket } from "k6/x/tcp";
                    import { check } from "k6";
                    export const options = { insecureSkipTLSVerify: true };
                    export default async function () {
                      for (const host of ["localhost", "127.0.0.1"]) {
                        const s = new Socket();
                        const echoed = new Promise((resolve) => s.on("data", (d) => resolve(String.fromCharCode(...d))));
                        await s.connect({ port: %d, host, tls: true });
                        await s.write("hi");
                        check(await echoed, { "echo over TLS": (t) => t === "hi" });
                        s.destroy();
                      }
                    }
                    """.formatted(port);
            CliRun r = CliRun.of("run", CliRun.script(dir, "sni.js", src), "--quiet");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("checks_succeeded: 100% 2 out of 2"), r.toString());
            assertEquals(List.of("localhost", "null"), serverNames);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * tlsVersion and tlsCipherSuites reach the handshake: against a server that speaks only TLS 1.2 with one cipher
     * suite, asking for TLS 1.3 or offering another suite fails (counted, exit 0), and the matching settings work.
     */
    @Test
    void tlsVersionAndCipherSuitesDecideTheHandshake() throws Exception {
        String offered = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        String other = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
        TlsMaterial id = TlsMaterial.selfSigned();
        SslContext tls12Only = SslContextBuilder.forServer(id.privateKey(), id.chain())
                .protocols("TLSv1.2").ciphers(List.of(offered)).build();
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            int port = startTlsEcho(group, ch -> tls12Only.newHandler(ch.alloc()));
            CliRun tooNew = run(port, "{ insecureSkipTLSVerify: true, tlsVersion: 'tls1.3' }");
            CliRun otherSuite = run(port, "{ insecureSkipTLSVerify: true, tlsCipherSuites: ['" + other + "'] }");
            for (CliRun refused : List.of(tooNew, otherSuite)) {
                assertEquals(0, refused.exitCode(), refused.toString());
                assertTrue(refused.out().contains("✗ tls echo"), refused.toString());
                assertEquals(1, refused.metricCount("tcp_errors"), refused.toString());
            }
            CliRun matching = run(port, "{ insecureSkipTLSVerify: true, tlsVersion: { min: 'tls1.2', max: 'tls1.2' },"
                    + " tlsCipherSuites: ['" + offered + "'] }");
            assertEquals(0, matching.exitCode(), matching.toString());
            assertTrue(matching.out().contains("✓ tls echo"), matching.toString());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
