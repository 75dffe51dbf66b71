package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.UserError;
import io.loadtcp.engine.net.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.io.File;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Option;

/** TLS on the listening side of record and replay server: the certificate and key to terminate it with. */
public final class ListenTlsOptions {
    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Terminate TLS on the listening side with this certificate chain.")
    File cert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key (PKCS#8 PEM) of --tls-cert.")
    File key;

    /** The server context, or null without --tls-cert. */
    SslContext listenContext() {
        if (cert == null && key == null) return null;
        if (cert == null || key == null) {
            throw new UserError(ExitCodes.USAGE, "--tls-cert and --tls-key go together");
        }
        for (File f : new File[] {cert, key}) {
            if (!f.canRead()) throw new UserError(ExitCodes.IO_ERROR, "cannot read " + f);
        }
        try {
            return TlsContexts.server(cert, key);
        } catch (SSLException e) {
            throw new UserError(ExitCodes.IO_ERROR, e.getMessage(), e);
        }
    }

}
