package io.loadtcp.cli;

import io.loadtcp.engine.target.ServerTls;
import io.loadtcp.engine.target.TargetServer;
import io.loadtcp.engine.target.TlsMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtcp serve echo|discard}: a built-in target to point a load test at, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a built-in TCP target until Ctrl-C: 'echo' writes back every byte it reads, 'discard' reads and drops.",
            "Prints the address it listens on; on exit, the connections and bytes it served."})
public final class ServeCommand implements Callable<Integer> {
    /** The default --listen: loopback only, a fixed port so scripts can hard-code it. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:7007";

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODE", description = "echo or discard.")
    TargetServer.Mode mode;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_LISTEN,
            description = {"Address to listen on (default: ${DEFAULT-VALUE}). Port 0 picks a free port.",
                "A non-loopback address (e.g. 0.0.0.0:7007) exposes the server to the network."})
    String listen;

    @Option(names = "--tls", description = {"Speak TLS with a self-signed certificate for localhost, 127.0.0.1 and ::1,",
        "generated at start and written to a file (see --write-cert) that clients can trust."})
    boolean tls;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate (chain) to present; implies TLS. Needs --key.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM private key of --cert (PKCS#8 or OpenSSL format, not encrypted).")
    Path key;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "Require client certificates (mutual TLS) issued by the CA certificate(s) in this PEM file.")
    Path clientCa;

    @Option(names = "--write-cert", paramLabel = "FILE",
            description = "Where --tls writes its generated certificate (default: a temporary file, deleted on exit).")
    Path writeCert;

    @Option(names = "--workers", paramLabel = "N", description = "Worker threads (default: one per core).")
    Integer workers;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = parseListen(listen);
        validateTlsOptions();
        PrintWriter out = spec.commandLine().getOut();
        ServerTls serverTls = serverTls();
        Path generatedCertFile = null;
        if (serverTls != null && cert == null) {
            generatedCertFile = writeGeneratedCertificate(serverTls.identity());
            out.println("loadtcp serve: self-signed certificate for " + String.join(", ", TlsMaterial.LOCALHOST_NAMES)
                    + " written to " + generatedCertFile);
        }
        TargetServer.Builder builder = TargetServer.builder(mode).listen(address).tls(serverTls);
        if (workers != null) builder.workerThreads(workers);
        TargetServer server;
        try {
            server = builder.start();
        } catch (BindException e) {
            deleteIfTemporary(generatedCertFile);
            throw new UserError(ExitCodes.IO_ERROR, "cannot listen on " + format(address) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            deleteIfTemporary(generatedCertFile);
            throw new UserError(ExitCodes.INVALID_CONFIG, "cannot set up TLS: " + e.getMessage(), e);
        }
        // Ctrl-C / SIGTERM is how a server is meant to end: close it, and the command returns 0. Installed before the
        // address is announced, since whoever reads it may signal at once.
        SignalStop stopping = SignalStop.install(sig -> server.close(), null, spec.commandLine().getErr(), ExitCodes.OK)
                .alsoOnShutdown("loadtcp-serve-shutdown");
        out.println("loadtcp serve: " + mode.name().toLowerCase(Locale.ROOT) + " listening on " + format(server.address())
                + (server.isTls() ? (clientCa != null ? " (tls, client certificate required)" : " (tls)") : ""));
        out.flush();

        try {
            server.awaitClosed();
        } catch (InterruptedException e) { // stopped from inside the JVM (tests, an embedding program)
            Thread.currentThread().interrupt();
        } finally {
            stop(server, generatedCertFile);
            stopping.close();
        }
        return ExitCodes.OK;
    }

    /** Closes the server, deletes a generated certificate and prints what it served. */
    private void stop(TargetServer server, Path generatedCertFile) {
        server.close();
        deleteIfTemporary(generatedCertFile);
        PrintWriter out = spec.commandLine().getOut();
        out.println("loadtcp serve: stopped; served " + server.connections() + " connections, " + server.bytesReceived()
                + " bytes received, " + server.bytesSent() + " bytes sent"
                + (server.tlsHandshakeFailures() > 0 ? ", " + server.tlsHandshakeFailures() + " failed TLS handshakes" : ""));
        out.flush();
    }

    private void validateTlsOptions() {
        if ((cert == null) != (key == null)) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--cert and --key go together: give both the PEM certificate and its PEM private key");
        }
        if (clientCa != null && !tls && cert == null) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--client-ca needs TLS: add --tls or --cert FILE --key FILE");
        }
        if (writeCert != null && cert != null) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--write-cert is for the certificate --tls generates; with --cert, clients trust that file");
        }
        if (writeCert != null && !tls) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--write-cert needs --tls");
        }
        if (workers != null && workers < 1) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--workers must be at least 1, was " + workers);
        }
    }

    private ServerTls serverTls() {
        if (!tls && cert == null) return null;
        ServerTls serverTls;
        try {
            serverTls = cert != null ? ServerTls.of(TlsMaterial.load(cert, key)) : ServerTls.selfSigned();
            return clientCa == null ? serverTls : serverTls.requireClientCert(clientCa);
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, "cannot read " + IoErrors.describe(e), e);
        }
    }

    private Path writeGeneratedCertificate(TlsMaterial identity) {
        Path file = writeCert;
        try {
            if (file == null) file = Files.createTempFile("loadtcp-serve-", "-cert.pem");
            return identity.writeCertificatePem(file);
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, "cannot write the generated certificate to "
                    + (file == null ? "a temporary file" : file) + ": " + e.getMessage(), e);
        }
    }

    private void deleteIfTemporary(Path generatedCertFile) {
        if (generatedCertFile == null || writeCert != null) return;
        try {
            Files.deleteIfExists(generatedCertFile);
        } catch (IOException ignored) {
            // a leftover file in the temp folder is harmless
        }
    }

    /** {@code HOST:PORT} or {@code [IPV6]:PORT}; port 0 means any free port. */
    static InetSocketAddress parseListen(String value) {
        String fix = "; expected HOST:PORT, e.g. --listen " + DEFAULT_LISTEN + " or --listen [::1]:7007";
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--listen '" + value + "': missing host or port" + fix);
        }
        String host = value.substring(0, colon);
        String portText = value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--listen '" + value + "': put an IPv6 address in brackets" + fix);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--listen '" + value + "': port must be a number from 0 to 65535" + fix);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--listen '" + value + "': unknown host '" + host + "'" + fix);
        }
        return address;
    }

    /** {@code 127.0.0.1:7007}, {@code [::1]:7007}. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
